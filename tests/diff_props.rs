//! `scopec diff` against brute force: for random pairs of small policies and every key
//! over their scope and alias names (and no key), a request allowed by NEW and denied by
//! OLD exists exactly when `diff` reports the endpoint widened, and the reverse for
//! narrowed; a strip lifted for some key exactly when it reports the rule dropped or
//! weakened, and the reverse for added or strengthened.

mod common;

use std::collections::BTreeSet;

use common::policies::expr;
use common::requests::Rng;
use proptest::prelude::*;
use scopec::diff::{Change, codes, diff};
use scopec::engine::{Decision, Request, decide};
use scopec::model::Model;

const SCOPES: &[&str] = &["a", "b", "c", "d"];

/// A small random policy: four scopes with random `implies` (acyclic), maybe an alias,
/// three endpoints with random requirements (one with a `when`), one with a strip rule.
fn policy(rng: &mut Rng) -> String {
    let mut out = String::from("policy \"P\" { }\n");
    for (i, s) in SCOPES.iter().enumerate() {
        out.push_str(&format!("scope {s} read \"{s}\""));
        if i > 0 && rng.chance(30) {
            out.push_str(&format!(" implies {}", SCOPES[rng.below(i)]));
        }
        out.push('\n');
    }
    if rng.chance(50) {
        out.push_str(&format!("alias old = {}\n", rng.pick(SCOPES)));
    }
    out.push_str("api x { auth bearer\n");
    for (path, when) in [("/one", false), ("/two", true), ("/three", false)] {
        let req = match rng.below(10) {
            0 => "public".to_string(),
            1 => "authenticated".to_string(),
            _ => expr(rng, SCOPES, 2),
        };
        out.push_str(&format!("    GET {path} requires {req}"));
        if when && rng.chance(70) {
            out.push_str(&format!(" {{ when ?full=true requires {} }}", expr(rng, SCOPES, 1)));
        }
        out.push('\n');
    }
    // Every key reaches /data, so the engine shows each key's rules.
    out.push_str("    GET /data requires authenticated");
    if rng.chance(80) {
        out.push_str(" { strip secret");
        if rng.chance(80) {
            out.push_str(&format!(" unless {}", expr(rng, SCOPES, 1)));
        }
        out.push_str(" }");
    }
    out.push_str("\n}\n");
    out
}

/// Every key over the names of both versions, and no key.
fn keys(old: &Model, new: &Model) -> Vec<Option<Vec<String>>> {
    let names: BTreeSet<&String> = old.names.keys().chain(new.names.keys()).collect();
    let names: Vec<&String> = names.into_iter().collect();
    let mut out = vec![None];
    for mask in 0..1usize << names.len() {
        out.push(Some(
            names.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, n)| (*n).clone()).collect(),
        ));
    }
    out
}

fn request(target: &str, key: &Option<Vec<String>>) -> Request {
    let r = Request::new("GET", target);
    match key {
        Some(k) => r.with_scopes(k),
        None => r,
    }
}

fn allowed(d: &Decision) -> bool {
    matches!(d, Decision::Allow(_))
}

fn stripped(d: &Decision) -> bool {
    matches!(d, Decision::Allow(a) if a.strip.iter().any(|s| s == "secret"))
}

fn reported(changes: &[Change], kinds: &[codes::Kind], subject: &str) -> bool {
    changes.iter().any(|c| kinds.contains(&c.kind) && c.subject == subject)
}

fn check_pair(seed: u64) {
    let mut rng = Rng::new(seed);
    let (a, b) = (policy(&mut rng), policy(&mut rng));
    let old = scopec::compile(&a).unwrap_or_else(|d| panic!("{d:?}\n{a}"));
    let new = scopec::compile(&b).unwrap_or_else(|d| panic!("{d:?}\n{b}"));
    let changes = diff(&old, &new);
    let keys = keys(&old, &new);
    for path in ["/one", "/two", "/three"] {
        let subject = format!("GET {path}");
        let (mut wider, mut narrower) = (false, false);
        for target in [path.to_string(), format!("{path}?full=true")] {
            for k in &keys {
                let (o, n) =
                    (allowed(&decide(&old, &request(&target, k))), allowed(&decide(&new, &request(&target, k))));
                wider |= n && !o;
                narrower |= o && !n;
            }
        }
        let context = format!("seed {seed}, {subject}\n--- old\n{a}--- new\n{b}{changes:#?}");
        assert_eq!(reported(&changes, &[codes::ACCESS_WIDENED], &subject), wider, "widened? {context}");
        assert_eq!(reported(&changes, &[codes::ACCESS_NARROWED], &subject), narrower, "narrowed? {context}");
    }
    let (mut lifted, mut imposed) = (false, false);
    for k in keys.iter().flatten() {
        let key = Some(k.clone());
        let (o, n) =
            (stripped(&decide(&old, &request("/data", &key))), stripped(&decide(&new, &request("/data", &key))));
        lifted |= o && !n;
        imposed |= n && !o;
    }
    let context = format!("seed {seed}\n--- old\n{a}--- new\n{b}{changes:#?}");
    assert_eq!(
        reported(&changes, &[codes::RULE_DROPPED, codes::RULE_WEAKENED], "GET /data"),
        lifted,
        "lifted? {context}"
    );
    assert_eq!(
        reported(&changes, &[codes::RULE_ADDED, codes::RULE_STRENGTHENED], "GET /data"),
        imposed,
        "imposed? {context}"
    );
}

#[test]
fn reordered_expressions_are_no_change() {
    let a = "policy \"P\" { }\nscope a read \"a\"\nscope b read \"b\"\napi x { auth bearer GET /x requires a | b }\n";
    let b = "policy \"P\" { }\nscope b read \"b\"\nscope a read \"a\"\napi x { auth bearer GET /x requires (b | a) }\n";
    assert_eq!(diff(&scopec::compile(a).unwrap(), &scopec::compile(b).unwrap()), Vec::new());
}

#[test]
fn a_new_implies_widens_every_endpoint_it_reaches() {
    let a = "policy \"P\" { }\nscope r read \"r\"\nscope w write \"w\"\napi x { auth bearer GET /x requires r\n GET /y requires r\n POST /x requires w }\n";
    let b = a.replace("scope w write \"w\"", "scope w write \"w\" implies r");
    let changes = diff(&scopec::compile(a).unwrap(), &scopec::compile(&b).unwrap());
    let widened: Vec<&str> =
        changes.iter().filter(|c| c.kind == codes::ACCESS_WIDENED).map(|c| c.subject.as_str()).collect();
    assert_eq!(widened, ["GET /x", "GET /y"]);
    let implies = changes.iter().find(|c| c.kind == codes::IMPLIES_ADDED).unwrap();
    assert_eq!(implies.endpoints, ["GET /x", "GET /y"]);
    assert_eq!(
        changes.iter().find(|c| c.subject == "GET /x").unwrap().witness.as_deref().unwrap(),
        "a key holding only `w`; requirement r → r"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn diff_agrees_with_brute_force(seed in any::<u64>()) {
        check_pair(seed);
    }
}
