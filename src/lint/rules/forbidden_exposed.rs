use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};
use crate::model::Segment;

rule_doc! {
    /// ## What it does
    /// Finds endpoints whose path names a resource a `forbid` declaration says must never be
    /// exposed. Names compare ignoring case, `-` versus `_`, and a plural `s`.
    ///
    /// ## Why is this bad?
    /// `forbid` records a decision (no clinical data through API keys, say); an endpoint that
    /// exposes the resource anyway breaks it, whatever scope guards it.
    ///
    /// ## Example
    /// ```policy
    /// scope read:patients read "Patients"
    /// forbid lab_values "No clinical data through API keys"
    /// api x { auth bearer GET /patients/{id}/lab-values requires read:patients "Lab values" }
    /// ```
    ///
    /// Use instead: remove the endpoint, or revisit the `forbid` decision.
}

pub(crate) const RULE: LintCode = lints::FORBIDDEN_EXPOSED;

fn norm(s: &str) -> String {
    s.to_ascii_lowercase().replace('-', "_")
}

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for f in &m.forbids {
        for resource in &f.resources {
            let r = norm(resource);
            for e in &m.endpoints {
                let hit = e.pattern.segments.iter().any(|s| match s {
                    Segment::Literal(l) => {
                        let l = norm(l);
                        l == r || l == format!("{r}s") || format!("{l}s") == r
                    }
                    _ => false,
                });
                if hit {
                    // The configured level (deny by default) decides the severity.
                    let mut d = RULE
                        .warning(e.path_span, format!("`{}` exposes `{resource}`, which the policy forbids", e.label()))
                        .with_label("forbidden resource")
                        .with_secondary(f.span, "forbidden here");
                    if let Some(reason) = &f.reason {
                        d = d.with_note(reason.clone());
                    }
                    out.push(d.with_help("remove the endpoint, or revisit the `forbid` decision"));
                }
            }
        }
    }
}
