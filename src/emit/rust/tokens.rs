//! Literals and identifiers as tokens. Every string from a policy reaches generated code
//! through these helpers, so it is always an escaped literal, never source text.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::Id;

/// An unsuffixed integer literal (`7`, not `7usize`).
pub fn num(n: usize) -> Literal {
    Literal::usize_unsuffixed(n)
}

/// A table index as an unsuffixed integer literal.
pub fn id(i: impl Id) -> Literal {
    num(i.index())
}

/// A word of a bit set, written in hex.
pub fn hex(x: u64) -> Literal {
    format!("{x:#x}").parse().unwrap_or_else(|_| Literal::u64_unsuffixed(x))
}

/// A string literal, escaped.
pub fn string(s: &str) -> Literal {
    Literal::string(s)
}

/// A byte-string literal, escaped.
pub fn bytes(s: &[u8]) -> Literal {
    Literal::byte_string(s)
}

/// A byte-character literal (`b'a'`).
pub fn byte(b: u8) -> Literal {
    Literal::byte_character(b)
}

/// An identifier (the caller guarantees it is one: see `names`).
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `Some("…")` or `None`.
pub fn opt_string(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => {
            let s = string(s);
            quote!(Some(#s))
        }
        None => quote!(None),
    }
}

/// `#[doc = "…"]` lines for prose (one attribute per line, each escaped).
pub fn doc(text: &str) -> TokenStream {
    text.split('\n')
        .map(|line| {
            let line = string(&format!(" {}", line.trim_end()));
            quote!(#[doc = #line])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_escaped() {
        assert_eq!(string("a\"b\n").to_string(), r#""a\"b\n""#);
        assert_eq!(bytes(b"a'b").to_string(), r#"b"a'b""#);
        assert_eq!(byte(b'a').to_string(), "b'a'");
        assert_eq!(byte(b'\'').to_string(), r"b'\''");
        assert_eq!(hex(255).to_string(), "0xff");
        assert_eq!(num(7).to_string(), "7");
    }
}
