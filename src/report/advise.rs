//! The report of `scopec advise`.

use crate::advise::{Advice, DataNote};
use crate::model::RuleKind;

fn rule(n: &DataNote) -> String {
    let verb = match n.kind {
        RuleKind::Strip => "strips",
        RuleKind::Mask => "masks",
        RuleKind::Filter => "filters by",
        RuleKind::Oblige => "obliges the handler to enforce",
    };
    let fields = n.fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
    let fix = if n.add.is_empty() {
        String::new()
    } else {
        format!("; add {} to get it", n.add.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", "))
    };
    format!("`{}` {verb} {fields}{fix}", n.endpoint)
}

/// The advice as text.
pub fn human(advice: &Advice) -> String {
    let mut out = String::new();
    let unrouted: Vec<_> = advice.routed.iter().filter(|r| r.endpoint.is_none()).collect();
    out.push_str(&format!("calls     {} ({} matched no endpoint)\n", advice.routed.len(), unrouted.len()));
    for r in &unrouted {
        out.push_str(&format!(
            "  line {}: {} {}: {}\n",
            r.call.line,
            r.call.method,
            r.call.target,
            r.problem.as_deref().unwrap_or("")
        ));
    }
    let size = advice.answers.first().map_or(0, |a| a.scopes.len());
    if advice.gave_up {
        out.push_str(&format!(
            "smallest  the search gave up (too many combinations); a set of {size} scopes that works, maybe not the smallest:\n"
        ));
    } else {
        let count =
            if advice.more { format!("more than {}", advice.answers.len()) } else { advice.answers.len().to_string() };
        let scopes = if size == 1 { "scope" } else { "scopes" };
        let sets = if count == "1" { "set" } else { "sets" };
        out.push_str(&format!("smallest  {size} {scopes}; {count} such {sets}\n"));
    }
    for a in &advice.answers {
        let list = if a.scopes.is_empty() { "(no scopes: a key with none)".to_string() } else { a.scopes.join(", ") };
        out.push_str(&format!("  {list}\n"));
        for n in &a.data {
            out.push_str(&format!("    with these alone, {}\n", rule(n)));
        }
    }
    if let Some(b) = &advice.closest {
        let fit = match (b.missing.is_empty(), b.extra.is_empty()) {
            (true, true) => "exactly the smallest set".to_string(),
            (true, false) => format!("allows every call, with {} more than needed", b.extra.join(", ")),
            (false, _) => format!("add {}", b.missing.join(", ")),
        };
        out.push_str(&format!("bundle    \"{}\": {fit}\n", b.name));
    }
    if let Some(k) = &advice.key {
        if !k.denied.is_empty() {
            out.push_str(&format!("key       denies {} of the calls:\n", k.denied.len()));
            for c in &k.denied {
                out.push_str(&format!("  line {}: {} {}\n", c.line, c.method, c.target));
            }
        } else {
            let unneeded = if k.unneeded.is_empty() { "none".to_string() } else { k.unneeded.join(", ") };
            out.push_str(&format!("key       never needed: {unneeded}\n"));
            if let Some(e) = &k.enough {
                out.push_str(&format!("          enough: {}\n", e.join(", ")));
            }
        }
    }
    out
}
