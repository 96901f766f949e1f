//! `scopec advise`: the seeds' documented scenarios come out of the calls they describe,
//! and the search agrees with brute-force minimum set cover on random small policies.

mod common;

use std::collections::BTreeSet;

use common::policies::expr;
use common::requests::Rng;
use proptest::prelude::*;
use scopec::advise::{advise, calls, search};
use scopec::model::{Dnf, ScopeSet};

/// RxScale's "Common Scenarios" table: each row's recommended permissions (the policy's
/// bundle of that name) is exactly the one smallest set for the calls the row describes.
#[test]
fn rxscale_recommended_permissions_come_out_of_the_calls() {
    let model = common::seed("rxscale");
    let dir = common::root().join("tests/fixtures/advise");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert_eq!(files.len(), 10);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let scenario = text.lines().next().unwrap().split(": ").nth(1).unwrap().to_string();
        let bundle =
            model.bundles.iter().find(|b| b.name == scenario).unwrap_or_else(|| panic!("no bundle {scenario}"));
        let mut expected: Vec<String> = bundle.scopes.iter().map(|id| model.scope_name(*id).to_string()).collect();
        expected.sort();
        let (calls, bad) = calls::read(&text);
        assert!(bad.is_empty());
        let advice = advise(&model, &calls, None);
        assert!(advice.routed.iter().all(|r| r.endpoint.is_some()), "{scenario}: a call matched no endpoint");
        assert!(!advice.gave_up);
        let sets: Vec<&Vec<String>> = advice.answers.iter().map(|a| &a.scopes).collect();
        assert_eq!(sets, [&expected], "{scenario}");
        let closest = advice.closest.unwrap();
        assert_eq!((closest.name.as_str(), closest.missing.len(), closest.extra.len()), (scenario.as_str(), 0, 0));
    }
}

#[test]
fn data_rules_say_what_to_add() {
    let model = common::seed("rxscale");
    let (calls, _) = calls::read("GET /v1/management_api/orders/o1\n");
    let advice = advise(&model, &calls, Some(&["order:read".to_string(), "doctor:read".to_string()]));
    insta::assert_snapshot!("advise_order_read", scopec::report::advise::human(&advice));
    let key = advice.key.unwrap();
    assert_eq!(key.unneeded, ["doctor:read"]);
    assert_eq!(key.enough.unwrap(), ["order:read"]);
}

#[test]
fn a_key_that_denies_a_call_says_which() {
    let model = common::seed("rxscale");
    let (calls, _) = calls::read("GET /v1/management_api/orders/o1\nGET /v1/management_api/doctors/\n");
    let advice = advise(&model, &calls, Some(&["order:read".to_string()]));
    let key = advice.key.unwrap();
    assert_eq!(key.denied.iter().map(|c| c.target.as_str()).collect::<Vec<_>>(), ["/v1/management_api/doctors/"]);
}

const SCOPES: &[&str] = &["a", "b", "c", "d", "e"];

fn check(seed: u64) {
    let mut rng = Rng::new(seed);
    let mut text = String::from("policy \"P\" { }\n");
    for (i, s) in SCOPES.iter().enumerate() {
        text.push_str(&format!("scope {s} read \"{s}\""));
        if i > 0 && rng.chance(25) {
            text.push_str(&format!(" implies {}", SCOPES[rng.below(i)]));
        }
        text.push('\n');
    }
    text.push_str("api x {\n    auth bearer\n");
    for i in 0..5 {
        text.push_str(&format!("    GET /e{i} requires {}\n", expr(&mut rng, SCOPES, 2)));
    }
    text.push_str("}\n");
    let model = scopec::compile(&text).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
    let reqs: Vec<&Dnf> = model.endpoints.iter().filter(|_| rng.chance(60)).map(|e| &e.requirement.dnf).collect();
    // Brute force: every subset of scopes, the smallest that meet everything.
    let n = model.scopes.len();
    let mut best: Option<usize> = None;
    let mut all: BTreeSet<Vec<String>> = BTreeSet::new();
    for mask in 0u32..1 << n {
        let held: Vec<_> = model.scopes.ids().filter(|id| mask & (1 << scopec::model::Id::index(*id)) != 0).collect();
        let mut g = ScopeSet::empty(n);
        for h in &held {
            for x in &model.scopes[*h].grants {
                g.insert(*x);
            }
        }
        if !reqs.iter().all(|d| d.iter().any(|t| g.holds_all(t))) {
            continue;
        }
        let size = held.len();
        if best.is_none_or(|b| size < b) {
            best = Some(size);
            all.clear();
        }
        if best == Some(size) {
            let mut names: Vec<String> = held.iter().map(|id| model.scope_name(*id).to_string()).collect();
            names.sort();
            all.insert(names);
        }
    }
    for split_at in [16, 1, 0] {
        let found = search::minimum_splitting(&model, &reqs, &[], split_at);
        assert!(!found.gave_up);
        let got: BTreeSet<Vec<String>> = found
            .sets
            .iter()
            .map(|s| {
                let mut v: Vec<String> = s.iter().map(|id| model.scope_name(*id).to_string()).collect();
                v.sort();
                v
            })
            .collect();
        assert_eq!(got, all, "seed {seed}, split past {split_at}\n{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_search_finds_every_smallest_set(seed in any::<u64>()) {
        check(seed);
    }
}
