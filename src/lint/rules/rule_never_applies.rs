use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, dnf, rule_doc};
use crate::model::Requirement;

rule_doc! {
    /// ## What it does
    /// Finds `strip`, `mask` and `filter` rules whose `unless` every allowed request already
    /// satisfies, because the endpoint's own requirement implies it.
    ///
    /// ## Why is this bad?
    /// The rule never applies: the data it was meant to protect is always returned. Usually the
    /// `unless` names the wrong scope.
    ///
    /// ## Example
    /// ```policy
    /// scope order:read read "Orders"
    /// api x { auth bearer GET /orders/{id} requires order:read "Get an order" { strip prescription unless order:read } }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope order:read read "Orders"
    /// scope prescription:read read "Prescriptions"
    /// api x { auth bearer GET /orders/{id} requires order:read "Get an order" { strip prescription unless prescription:read } }
    /// ```
}

pub(crate) const RULE: LintCode = lints::RULE_NEVER_APPLIES;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for e in &m.endpoints {
        if e.requirement.anonymous {
            continue;
        }
        for r in &e.rules {
            let Some(unless) = &r.unless else { continue };
            let unless = Requirement { anonymous: false, dnf: unless.clone(), by_kind: Vec::new() };
            if dnf::implies(m, &e.requirement, &unless) {
                out.push(
                    RULE.warning(
                        r.span,
                        format!(
                            "this `{}` never applies: `{}` already requires what `unless` asks",
                            r.kind.as_str(),
                            e.label()
                        ),
                    )
                    .with_label("every allowed request satisfies `unless`")
                    .with_secondary(e.requirement_span, "the endpoint's requirement")
                    .with_help("name the scope that should unlock the data in `unless`"),
                );
            }
        }
    }
}
