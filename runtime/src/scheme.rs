//! How a key travels with a request.

use super::endpoint::ApiData;
use super::kind::KindId;
use super::policy::Policy;
use super::scope_set::ScopeSet;

/// The kind of an auth scheme. The compiler's model and the generated tables both use
/// this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SchemeKind {
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// A named header (names compare case-insensitively, as HTTP header names do).
    Header,
    /// A named query parameter (names compare exactly).
    Query,
}

/// One scheme an api accepts keys by. *For generated code.*
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// Bearer, header or query.
    pub kind: SchemeKind,
    /// The header or parameter name (empty for bearer).
    pub name: &'static str,
    /// The scheme still works but is on its way out.
    pub legacy: bool,
    /// This scheme's key formats: the range `start..end` of [`crate::Tables::key_formats`]
    /// (empty when the scheme declares none).
    pub formats: (u16, u16),
    /// The key kinds the scheme accepts; empty: keys of any kind.
    pub kinds: &'static [KindId],
}

impl Scheme {
    /// Whether a key of `kind` (`None`: of no known kind) may come by this scheme.
    #[inline]
    pub fn accepts_kind(&self, kind: Option<KindId>) -> bool {
        self.kinds.is_empty() || kind.is_some_and(|k| self.kinds.contains(&k))
    }
}

impl Scheme {
    /// This scheme's declared key formats.
    pub fn key_formats<P: Policy>(&self) -> &'static [super::key_format::KeyFormat] {
        let (start, end) = (usize::from(self.formats.0), usize::from(self.formats.1));
        P::tables().key_formats.get(start..end).unwrap_or(&[])
    }
}

/// How a key was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via<'a> {
    /// In a way the api accepts (the usual case: the server only reads accepted places).
    Accepted,
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// In the named header.
    Header(&'a str),
    /// In the named query parameter.
    Query(&'a str),
}

/// A key presented with a request: its scopes (as stored for the key), its kind and how
/// it came.
pub struct Key<'a, P: Policy> {
    /// The key's scopes and aliases, as stored.
    pub scopes: ScopeSet<P>,
    /// How the key was sent.
    pub via: Via<'a>,
    /// The key's kind (from its format, [`crate::KeyFormat::kind`], or its record), if
    /// known. A scheme restricted to kinds refuses a key of no known kind.
    pub kind: Option<KindId>,
}

impl<P: Policy> Clone for Key<'_, P> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P: Policy> Copy for Key<'_, P> {}

impl<P: Policy> core::fmt::Debug for Key<'_, P> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Key").field("scopes", &self.scopes).field("via", &self.via).field("kind", &self.kind).finish()
    }
}

impl<P: Policy> PartialEq for Key<'_, P> {
    fn eq(&self, other: &Self) -> bool {
        self.scopes == other.scopes && self.via == other.via && self.kind == other.kind
    }
}

impl<P: Policy> Eq for Key<'_, P> {}

/// Whether an api accepts a key of `kind` sent `via`, and if so whether the scheme is
/// legacy (without a `via`, whether every scheme that takes the key is).
#[inline]
pub fn accepts<P: Policy>(api: &ApiData<P>, via: Via<'_>, kind: Option<KindId>) -> Option<bool> {
    let mut schemes = api.schemes.iter().filter(|s| s.accepts_kind(kind)).peekable();
    schemes.peek()?;
    let (wanted, name) = match via {
        Via::Accepted => return Some(schemes.all(|s| s.legacy)),
        Via::Bearer => (SchemeKind::Bearer, ""),
        Via::Header(h) => (SchemeKind::Header, h),
        Via::Query(q) => (SchemeKind::Query, q),
    };
    schemes
        .find(|s| {
            s.kind == wanted
                && match wanted {
                    SchemeKind::Header => s.name.eq_ignore_ascii_case(name),
                    SchemeKind::Query => s.name == name,
                    SchemeKind::Bearer => true,
                }
        })
        .map(|s| s.legacy)
}
