//! Malformed input never panics: deep nesting, long chains, random and mutated text.

mod common;

use proptest::prelude::*;

fn wrap(requirement: &str) -> String {
    format!("policy \"x\" {{}}\nscope a read \"A\"\napi x {{\n  auth bearer\n  GET /x requires {requirement}\n}}\n")
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "(".repeat(100_000) + "a" + &")".repeat(100_000);
    let checked = scopec::check(&wrap(&deep));
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(checked.diagnostics[0].code, "E0002");
    // Unbalanced, and inside other constructs.
    for text in [
        "(".repeat(100_000),
        format!("policy \"x\" {{}} test \"t\" {{ GET /a with a => deny missing {} }}", "(".repeat(100_000)),
        ")".repeat(100_000),
        "{".repeat(100_000),
        "\"".repeat(100_000),
    ] {
        let checked = scopec::check(&text);
        assert!(checked.has_errors());
    }
}

#[test]
fn nesting_at_the_limit_is_accepted() {
    let depth = scopec::syntax::MAX_DEPTH;
    let ok = "(".repeat(depth) + "a" + &")".repeat(depth);
    assert!(!scopec::check(&wrap(&ok)).has_errors());
}

#[test]
fn long_operator_chains_stay_shallow() {
    let chain = vec!["a"; 100_000].join(" | ");
    let checked = scopec::check(&wrap(&chain));
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics.first());
    let chain = vec!["a"; 100_000].join(" & ");
    assert!(!scopec::check(&wrap(&chain)).has_errors());
}

#[test]
fn many_endpoints_and_scopes() {
    let mut text = String::from("policy \"big\" {}\n");
    for i in 0..2_000 {
        text.push_str(&format!("scope s{i} read \"S{i}\"\n"));
    }
    text.push_str("api x {\n auth bearer\n");
    for i in 0..2_000 {
        text.push_str(&format!(" GET /r{i}/{{id}}/x requires s{i} | s{}\n", (i + 1) % 2_000));
    }
    text.push_str("}\n");
    let m = scopec::compile(&text).unwrap();
    assert_eq!(m.endpoints.len(), 2_000);
}

/// Tokens of the language, so random text often gets deep into the grammar.
const TOKENS: &[&str] = &[
    "policy",
    "scope",
    "group",
    "alias",
    "api",
    "bundle",
    "forbid",
    "errors",
    "test",
    "read",
    "write",
    "admin",
    "requires",
    "implies",
    "since",
    "deprecated",
    "base",
    "auth",
    "bearer",
    "header",
    "legacy",
    "prefix",
    "length",
    "env",
    "effective",
    "keys",
    "GET",
    "POST",
    "PATCH",
    "public",
    "authenticated",
    "strip",
    "mask",
    "filter",
    "unless",
    "when",
    "query",
    "required",
    "note",
    "with",
    "grant",
    "via",
    "=>",
    "allow",
    "deny",
    "missing",
    "not-found",
    "rejected",
    "{",
    "}",
    "(",
    ")",
    "|",
    "&",
    ",",
    "=",
    "\"x\"",
    "\"{required}\"",
    "a:b",
    "a",
    "/p/{id}",
    "/p/{r*}",
    "/p//q",
    "?k=v",
    "403",
    "401",
    "24h",
    "48",
    "..",
    "#c\n",
    "\n",
    " ",
    "\u{0}",
    "é",
];

fn random_tokens() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|ts| ts.join(" "))
}

fn seed_text() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["maxcare", "rxscale", "plusmedical"])
        .prop_map(|n| std::fs::read_to_string(common::root().join("policies").join(format!("{n}.policy"))).unwrap())
}

/// A seed policy with a random range deleted, a random token inserted, or a line doubled.
fn mutated_seed() -> impl Strategy<Value = String> {
    (seed_text(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop::sample::select(TOKENS), 0..3u8)
        .prop_map(|(text, a, b, token, kind)| {
            let bytes = text.as_bytes();
            let i = a.index(bytes.len());
            let j = (i + b.index(200)).min(bytes.len());
            let mut out = bytes.to_vec();
            match kind {
                0 => {
                    out.drain(i..j);
                }
                1 => {
                    out.splice(i..i, token.bytes());
                }
                _ => {
                    let line: Vec<u8> = bytes[i..j].to_vec();
                    out.splice(j..j, line);
                }
            }
            String::from_utf8_lossy(&out).into_owned()
        })
}

fn never_panics(text: &str) {
    // Validation: a model exactly when there is no error.
    let validated = scopec::validate(text);
    assert_eq!(
        validated.model.is_some(),
        !validated.has_errors(),
        "model presence disagrees with errors: {:?}",
        validated.diagnostics.iter().map(|d| (d.code, &d.message)).collect::<Vec<_>>()
    );
    // Linting adds findings (and suppression-comment errors, E0501) but never withdraws
    // or invents a model.
    let checked = scopec::check(text);
    assert_eq!(checked.model.is_some(), validated.model.is_some());
    for d in validated.diagnostics.iter().chain(&checked.diagnostics) {
        assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "span out of range: {d:?}");
        assert!(d.code != scopec::codes::INTERNAL, "internal error: {d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        never_panics(&text);
    }

    #[test]
    fn random_tokens_never_panic(text in random_tokens()) {
        never_panics(&text);
    }

    #[test]
    fn mutated_seeds_never_panic(text in mutated_seed()) {
        never_panics(&text);
    }
}
