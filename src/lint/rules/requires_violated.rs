use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, dnf, rule_doc};
use crate::model::ScopeId;

rule_doc! {
    /// ## What it does
    /// Finds requirements with an alternative that holds a scope without the scope it
    /// `requires` (and without a scope that implies it). Each `when` condition is checked
    /// together with the endpoint's own requirement.
    ///
    /// ## Why is this bad?
    /// `requires` says a scope is useless alone. An endpoint that accepts it alone contradicts
    /// the declaration: either the endpoint is too open or the dependency is wrong.
    ///
    /// ## Example
    /// ```policy
    /// scope read:notes read "Notes"
    /// scope read:soap_notes read "SOAP content" requires read:notes
    /// api x { auth bearer GET /soap requires read:soap_notes "SOAP content" }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope read:notes read "Notes"
    /// scope read:soap_notes read "SOAP content" requires read:notes
    /// api x { auth bearer GET /soap requires read:notes & read:soap_notes "SOAP content" }
    /// ```
}

pub(crate) const RULE: LintCode = lints::REQUIRES_VIOLATED;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    if m.scopes.iter().all(|s| s.requires.is_empty()) {
        return;
    }
    for e in &m.endpoints {
        let mentions = e.requirement.scopes().chain(e.whens.iter().flat_map(|w| w.requirement.scopes()));
        if mentions.into_iter().all(|s| m.scopes[s].requires.is_empty()) {
            continue;
        }
        let mut reqs = vec![(e.requirement.clone(), e.requirement_span)];
        reqs.extend(e.whens.iter().map(|w| (e.requirement.and(&w.requirement), w.span)));
        let mut seen: Vec<(ScopeId, ScopeId)> = Vec::new();
        for (req, span) in reqs {
            if req.anonymous {
                continue;
            }
            for (_, term) in req.alternatives() {
                let held = dnf::closure(m, term);
                for s in term {
                    for r in &m.scopes[*s].requires {
                        if held.binary_search(r).is_ok() || seen.contains(&(*s, *r)) {
                            continue;
                        }
                        seen.push((*s, *r));
                        out.push(
                            RULE.warning(
                                span,
                                format!(
                                    "`{}` accepts `{}` without `{}`, which it requires",
                                    e.label(),
                                    m.scope_name(*s),
                                    m.scope_name(*r)
                                ),
                            )
                            .with_label("an alternative lacks the dependency")
                            .with_secondary(
                                m.scopes[*s].name_span,
                                format!("`{}` requires `{}`", m.scope_name(*s), m.scope_name(*r)),
                            )
                            .with_help(format!(
                                "require `{} & {}`",
                                m.scope_name(*r),
                                m.scope_name(*s)
                            )),
                        );
                    }
                }
            }
        }
    }
}
