//! The seed policies check clean and say what the seed documents say. An outline of each
//! model is snapshotted, so any change to what a seed policy means shows up in review.

mod common;

use std::fmt::Write;

use common::{render, root, seed};
use scopec::Model;

const SEEDS: &[&str] = &["maxcare", "plusmedical", "rxscale"];

#[test]
fn seed_policies_are_clean() {
    for name in SEEDS {
        let (checked, rendered) = render(&root().join("policies").join(format!("{name}.policy")));
        assert!(checked.diagnostics.is_empty(), "{name}:\n{rendered}");
    }
}

#[test]
fn seed_outlines() {
    for name in SEEDS {
        insta::assert_snapshot!(format!("outline_{name}"), outline(&seed(name)));
    }
}

/// A readable summary of a model: scopes, aliases, apis and endpoints, bundles, tests.
fn outline(m: &Model) -> String {
    let mut o = String::new();
    writeln!(o, "policy {:?} version {:?}", m.meta.title, m.meta.version).unwrap();
    for s in &m.scopes {
        let group = s.group.map(|g| m.groups[g].name.as_str()).unwrap_or("-");
        write!(o, "scope {} {} [{}]", s.name, s.access.as_str(), group).unwrap();
        for r in &s.requires {
            write!(o, " requires {}", m.scope_name(*r)).unwrap();
        }
        for i in &s.implies {
            write!(o, " implies {}", m.scope_name(*i)).unwrap();
        }
        if let Some(since) = &s.since {
            write!(o, " since {since:?}").unwrap();
        }
        writeln!(o).unwrap();
    }
    for a in &m.aliases {
        writeln!(o, "alias {} = {} deprecated={}", a.name, m.scope_name(a.target), a.deprecated.is_some()).unwrap();
    }
    for api in &m.apis {
        writeln!(o, "api {} base {:?} effective {:?}", api.name, api.base, api.effective).unwrap();
        for a in &api.auth {
            writeln!(o, "  auth {:?} legacy={} formats={:?}", a.kind, a.legacy, a.formats).unwrap();
        }
        for h in &api.headers {
            writeln!(o, "  header {} required", h.name).unwrap();
        }
        writeln!(o, "  keys {:?}", api.keys).unwrap();
        for (status, body) in &api.errors.bodies {
            writeln!(o, "  {status} {} {:?}", body.code, body.message).unwrap();
        }
        for id in &api.endpoints {
            let e = &m.endpoints[*id];
            write!(o, "  {} {} requires {}", e.method, e.pattern, m.requirement_text(&e.requirement)).unwrap();
            for r in &e.rules {
                let unless = r.unless.as_ref().map(|u| format!(" unless {}", m.dnf_text(u))).unwrap_or_default();
                write!(o, " {{{} {}{unless}}}", r.kind.as_str(), r.fields.join(",")).unwrap();
            }
            for w in &e.whens {
                write!(
                    o,
                    " {{when ?{}={:?} requires {}}}",
                    w.key,
                    w.values.first(),
                    m.requirement_text(&w.requirement)
                )
                .unwrap();
            }
            for q in &e.query {
                write!(o, " {{query {} required={}}}", q.name, q.required).unwrap();
            }
            writeln!(o).unwrap();
        }
    }
    for b in &m.bundles {
        let names: Vec<&str> = b.scopes.iter().map(|s| m.scope_name(*s)).collect();
        writeln!(o, "bundle {:?} = {}", b.name, names.join(", ")).unwrap();
    }
    for f in &m.forbids {
        writeln!(o, "forbid {}", f.resources.join(", ")).unwrap();
    }
    for t in &m.tests {
        writeln!(o, "test {:?}: {} cases", t.name, t.cases.len()).unwrap();
    }
    o
}

#[test]
fn either_of_stock_update_is_two_alternatives() {
    let m = seed("rxscale");
    let e = m
        .endpoints
        .iter()
        .find(|e| e.method.as_str() == "PATCH" && e.pattern.to_string().ends_with("/{uid}/stock"))
        .unwrap();
    assert_eq!(m.requirement_text(&e.requirement), "stock_write | pharmacy_sku_write");
}

#[test]
fn legacy_alias_resolves_to_read_bills() {
    let m = seed("maxcare");
    assert_eq!(m.lookup("read:encounters"), m.lookup("read:bills"));
    let soap = m.lookup("read:soap_notes").unwrap();
    assert_eq!(m.scopes[soap].requires, vec![m.lookup("read:notes").unwrap()]);
}

#[test]
fn every_seed_endpoint_is_declared() {
    // Endpoint counts per api, from the seed documents (see the comments in each policy).
    let counts = |m: &Model| m.apis.iter().map(|a| (a.name.clone(), a.endpoints.len())).collect::<Vec<_>>();
    assert_eq!(counts(&seed("maxcare")), [("maxcare".to_string(), 36)]);
    assert_eq!(
        counts(&seed("rxscale")),
        [("pharmacy".to_string(), 11), ("management".to_string(), 20), ("public".to_string(), 5)]
    );
    assert_eq!(counts(&seed("plusmedical")), [("public".to_string(), 12)]);
}
