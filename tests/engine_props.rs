//! Invariants of the engine on random requests: nothing is allowed without a matching
//! endpoint; more scopes never turn allow into deny; narrower grant sets never widen access.

mod common;

use common::requests::{Rng, random_request};
use proptest::prelude::*;
use scopec::Model;
use scopec::engine::{Decision, Request, decide, target};
use scopec::model::{Pattern, Segment};

fn seeds() -> Vec<Model> {
    ["maxcare", "rxscale", "plusmedical"].iter().map(|n| common::seed(n)).collect()
}

/// Matches segments against a pattern by the definition, without the route tree.
fn naive_match(p: &Pattern, segs: &[&str], slash: bool) -> bool {
    let n = p.segments.len();
    match p.segments.last() {
        Some(Segment::CatchAll(_)) => {
            segs.len() >= n
                && p.segments[..n - 1].iter().zip(segs).all(|(s, x)| match s {
                    Segment::Literal(l) => l == x,
                    _ => true,
                })
        }
        _ => {
            segs.len() == n
                && slash == p.trailing_slash
                && p.segments.iter().zip(segs).all(|(s, x)| match s {
                    Segment::Literal(l) => l == x,
                    _ => true,
                })
        }
    }
}

fn is_allow(d: &Decision) -> bool {
    matches!(d, Decision::Allow(_))
}

fn check_invariants(models: &[Model], seed: u64) {
    let mut rng = Rng::new(seed);
    let m = &models[rng.below(models.len())];
    let r = random_request(&mut rng, m);
    let d = decide(m, &r);
    assert_eq!(d, decide(m, &r), "not deterministic");
    if let Decision::Allow(a) = &d {
        let e = &m.endpoints[a.endpoint];
        let t = target::parse(&r.target).expect("allowed target must parse");
        assert_eq!(e.method.as_str(), r.method);
        assert!(naive_match(&e.pattern, &t.segments, t.trailing_slash), "{} does not match {}", e.pattern, r.target);
        assert!(r.api.is_none_or(|api| api == e.api));
        assert!(a.requirement.anonymous || a.requirement.dnf.iter().any(|t| t.iter().all(|s| a.effective.contains(s))));
    }
    // More scopes never turn allow into something else.
    let mut wider: Request = r.clone();
    if let Some(k) = &mut wider.key {
        k.scopes.push(rng.pick(m.scopes.as_slice()).name.clone());
        for g in wider.grants.values_mut() {
            g.push(rng.pick(m.scopes.as_slice()).name.clone());
        }
        if is_allow(&d) {
            assert!(is_allow(&decide(m, &wider)), "adding scopes denied {r:?}");
        }
    }
    // Removing a scope from any grant set never widens access.
    let mut narrower = r.clone();
    if let Some(k) = &mut narrower.key
        && !k.scopes.is_empty()
    {
        k.scopes.remove(rng.below(k.scopes.len()));
    }
    for g in narrower.grants.values_mut() {
        if !g.is_empty() {
            g.remove(rng.below(g.len()));
        }
    }
    if !is_allow(&d) {
        assert!(!is_allow(&decide(m, &narrower)), "removing scopes allowed {narrower:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn engine_invariants_hold(seed in any::<u64>()) {
        thread_local!(static MODELS: Vec<Model> = seeds());
        MODELS.with(|m| check_invariants(m, seed));
    }
}

#[test]
fn random_requests_reach_every_kind_of_decision() {
    // The generator is only useful if it exercises every outcome.
    let models = seeds();
    let mut seen = std::collections::BTreeSet::new();
    let mut rng = Rng::new(7);
    for _ in 0..20_000 {
        let m = &models[rng.below(models.len())];
        seen.insert(decide(m, &random_request(&mut rng, m)).kind());
    }
    assert_eq!(seen.len(), 6, "{seen:?}");
}
