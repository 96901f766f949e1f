//! The JSON error bodies a policy declares, written without allocating.

use core::fmt::{self, Write};

use super::decision::{Decision, Denied};
use super::policy::Policy;
use super::scope_set::ScopeSet;

/// A piece of an error message: text, or a placeholder filled per request.
/// *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(&'static str),
    /// `{method}`: the request's method.
    Method,
    /// `{path}`: the request's path (the whole target for a 400).
    Path,
    /// `{reason}`: why a target was rejected.
    Reason,
    /// `{required}`: the requirement in force.
    Required,
    /// `{missing}`: the scopes still missing.
    Missing,
    /// `{allowed}`: the route's methods.
    Allowed,
}

impl Piece {
    /// The placeholder's name in a policy's messages (`None` for text).
    pub const fn placeholder(self) -> Option<&'static str> {
        Some(match self {
            Piece::Text(_) => return None,
            Piece::Method => "method",
            Piece::Path => "path",
            Piece::Reason => "reason",
            Piece::Required => "required",
            Piece::Missing => "missing",
            Piece::Allowed => "allowed",
        })
    }

    /// Every placeholder piece.
    pub const PLACEHOLDERS: [Piece; 6] =
        [Piece::Method, Piece::Path, Piece::Reason, Piece::Required, Piece::Missing, Piece::Allowed];
}

/// One status's body. *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body {
    /// The HTTP status.
    pub status: u16,
    /// The `code` field.
    pub code: &'static str,
    /// The `message` field, in pieces.
    pub message: &'static [Piece],
}

/// An api's error bodies. *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Errors {
    /// The bodies, by status.
    pub bodies: &'static [Body],
    /// The field carrying the request's trace id, if any.
    pub trace: Option<&'static str>,
}

/// Writes everything it is given as the inside of a JSON string.
struct JsonText<'a, W: Write>(&'a mut W);

impl<W: Write> Write for JsonText<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            match c {
                '"' => self.0.write_str("\\\"")?,
                '\\' => self.0.write_str("\\\\")?,
                '\n' => self.0.write_str("\\n")?,
                '\r' => self.0.write_str("\\r")?,
                '\t' => self.0.write_str("\\t")?,
                '\u{8}' => self.0.write_str("\\b")?,
                '\u{c}' => self.0.write_str("\\f")?,
                c if (c as u32) < 0x20 => write!(self.0, "\\u{:04x}", c as u32)?,
                c => self.0.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// Writes `s` as a JSON string, quotes included.
///
/// ```
/// let mut out = String::new();
/// scopec_runtime::body::write_json_string("a\"b\n\u{1}", &mut out).unwrap();
/// assert_eq!(out, r#""a\"b\n\u0001""#);
/// ```
pub fn write_json_string(s: &str, out: &mut impl Write) -> fmt::Result {
    out.write_char('"')?;
    JsonText(out).write_str(s)?;
    out.write_char('"')
}

/// `a & b | c`: the missing alternatives, in the order of their scope ids, without
/// collecting them (each next one is the least one after the last written).
fn write_missing<P: Policy>(f: &Denied<P>, out: &mut impl Write) -> fmt::Result {
    // No alternative is open to the key's kind: what is missing is the requirement.
    if f.missing().next().is_none() {
        return out.write_str(f.required());
    }
    let mut last: Option<ScopeSet<P>> = None;
    loop {
        let next = f
            .missing()
            .filter(|m| last.is_none_or(|l| m.ids().cmp(l.ids()).is_gt()))
            .min_by(|a, b| a.ids().cmp(b.ids()));
        let Some(set) = next else {
            return Ok(());
        };
        if last.is_some() {
            out.write_str(" | ")?;
        }
        for (j, id) in set.ids().enumerate() {
            if j > 0 {
                out.write_str(" & ")?;
            }
            out.write_str(P::SCOPE_NAMES.get(id).copied().unwrap_or("?"))?;
        }
        last = Some(set);
    }
}

impl<P: Policy> Decision<P> {
    /// Writes the JSON error body the policy declares for this decision (nothing for
    /// allow, or when the policy declares no body for the status). `trace_id` fills the
    /// trace field when the policy declares one. Writes straight to `out`: no allocation.
    pub fn write_error_body(&self, method: &str, target: &str, trace_id: &str, out: &mut impl Write) -> fmt::Result {
        let tables = P::tables();
        let endpoint_api = |e: usize| tables.endpoint_data.get(e).map_or(tables.apis.len(), |d| d.api);
        let api = match self {
            Decision::Allow(_) => return Ok(()),
            Decision::Unauthenticated { endpoint } => endpoint_api(*endpoint),
            Decision::Deny(f) => endpoint_api(f.endpoint),
            Decision::MethodNotAllowed { route } => {
                let first = tables.routes.get(*route).and_then(|r| r.methods.first());
                first.map_or(tables.apis.len(), |(_, e)| endpoint_api(*e))
            }
            Decision::NotFound | Decision::Rejected(_) => tables.apis.len(),
        };
        let Some(errors) = tables.errors.get(api) else {
            return Ok(());
        };
        let Some(body) = errors.bodies.iter().find(|b| b.status == self.status()) else {
            return Ok(());
        };
        let path = match self {
            Decision::Rejected(_) => target,
            _ => target.split('?').next().unwrap_or(target),
        };
        out.write_str("{\"code\":")?;
        write_json_string(body.code, out)?;
        out.write_str(",\"message\":\"")?;
        let mut text = JsonText(out);
        for piece in body.message {
            match (piece, self) {
                (Piece::Text(t), _) => text.write_str(t)?,
                (Piece::Method, _) => text.write_str(method)?,
                (Piece::Path, _) => text.write_str(path)?,
                (Piece::Reason, Decision::Rejected(r)) => text.write_str(r.reason())?,
                (Piece::Required, Decision::Deny(f)) => text.write_str(f.required())?,
                (Piece::Missing, Decision::Deny(f)) => write_missing(f, &mut text)?,
                (Piece::Allowed, Decision::MethodNotAllowed { route }) => {
                    text.write_str(tables.routes.get(*route).map_or("", |r| r.allowed))?
                }
                _ => {}
            }
        }
        out.write_char('"')?;
        if let Some(field) = errors.trace {
            out.write_char(',')?;
            write_json_string(field, out)?;
            out.write_char(':')?;
            write_json_string(trace_id, out)?;
        }
        out.write_char('}')
    }
}
