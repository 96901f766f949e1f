//! Lowering of tokens: strings, names, scope names, numbers and durations.

use pest::iterators::Pair;

use super::{Kids, Lower, Lowered, span};
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{Duration, ScopeName, ScopeSet, Text, Word};
use crate::syntax::parser::Rule;

/// `string`: unescapes `\"`, `\\`, `\n` and `\t`. (Read from the pair's text, quotes
/// included, without visiting its children: strings are the most frequent token.)
pub(crate) fn string(pair: Pair<'_, Rule>) -> Lowered<Text> {
    let sp = span(&pair);
    let text = pair.as_str();
    let raw = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
    let (value, escaped) =
        unescape(raw).ok_or_else(|| Box::new(Diagnostic::internal(sp, "string ends in a lone backslash")))?;
    Ok(Text { value, span: sp, escaped })
}

/// The value of a string's inside, and whether it had escapes.
fn unescape(raw: &str) -> Option<(String, bool)> {
    if !raw.contains('\\') {
        return Some((raw.to_string(), false));
    }
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next()? {
            'n' => value.push('\n'),
            't' => value.push('\t'),
            other => value.push(other),
        }
    }
    Some((value, true))
}

/// `ident`, `method`, `path`, `field`, `query_key`: a word taken verbatim.
pub(crate) fn word(pair: &Pair<'_, Rule>) -> Word {
    Word { text: pair.as_str().to_string(), span: span(pair) }
}

/// `scope_name`: bare or quoted (told apart by the first character, without visiting
/// the children).
pub(crate) fn scope_name(pair: Pair<'_, Rule>) -> Lowered<ScopeName> {
    let sp = span(&pair);
    let text = pair.as_str();
    if text.starts_with('"') {
        let raw = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
        let (name, _) =
            unescape(raw).ok_or_else(|| Box::new(Diagnostic::internal(sp, "string ends in a lone backslash")))?;
        Ok(ScopeName { name, span: sp, quoted: true })
    } else {
        Ok(ScopeName { name: text.to_string(), span: sp, quoted: false })
    }
}

/// `scope_list`
pub(crate) fn scope_list(pair: Pair<'_, Rule>) -> Lowered<Vec<ScopeName>> {
    let mut kids = Kids::of(pair);
    let mut out = Vec::new();
    while let Some(p) = kids.take_if(Rule::scope_name) {
        out.push(scope_name(p)?);
    }
    Ok(out)
}

/// `scope_set`: a list, or `no scopes` (empty).
pub(crate) fn scope_set(pair: Pair<'_, Rule>) -> Lowered<ScopeSet> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let scopes = match kids.next_any() {
        Some(p) if p.as_rule() == Rule::no_scopes => Vec::new(),
        Some(p) if p.as_rule() == Rule::scope_list => scope_list(p)?,
        Some(p) => return Err(kids.unexpected(&p)),
        None => return Err(kids.missing("a scope list")),
    };
    Ok(ScopeSet { scopes, span: sp })
}

/// `field_list`
pub(crate) fn field_list(pair: Pair<'_, Rule>) -> Vec<Word> {
    Kids::of(pair).inner.map(|p| word(&p)).collect()
}

impl Lower {
    /// `integer`, as a `u32`; a larger number is reported and read as `u32::MAX`.
    pub(crate) fn integer(&mut self, pair: &Pair<'_, Rule>) -> u32 {
        match pair.as_str().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::NUMBER_RANGE,
                        span(pair),
                        format!("number `{}` is too large", pair.as_str()),
                    )
                    .with_help(format!("numbers here are at most {}", u32::MAX)),
                );
                u32::MAX
            }
        }
    }

    /// `duration`: `24h` and friends, in seconds.
    pub(crate) fn duration(&mut self, pair: &Pair<'_, Rule>) -> Duration {
        let text = pair.as_str();
        let (digits, unit) = text.split_at(text.len().saturating_sub(1));
        let scale = match unit {
            "s" => 1,
            "m" => 60,
            "h" => 3_600,
            _ => 86_400,
        };
        let seconds = digits.parse::<u64>().ok().and_then(|n| n.checked_mul(scale));
        let seconds = seconds.unwrap_or_else(|| {
            self.diagnostics.push(
                Diagnostic::error(codes::NUMBER_RANGE, span(pair), format!("duration `{text}` is too long"))
                    .with_help("write durations of at most a few years, in `s`, `m`, `h` or `d`"),
            );
            u64::MAX
        });
        Duration { seconds, text: text.to_string(), span: span(pair) }
    }
}
