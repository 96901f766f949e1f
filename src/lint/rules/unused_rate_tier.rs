use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds rate-limit tiers that no api and no endpoint is assigned.
    ///
    /// ## Why is this bad?
    /// A tier declared but never assigned is usually a `rate` line forgotten in an api or an
    /// endpoint: the docs and the OpenAPI document then show those endpoints without their
    /// limit.
    ///
    /// ## Example
    /// ```policy
    /// rate tier2 "20+ per minute"
    /// scope chat:read read "Read messages"
    /// api web {
    ///     auth bearer
    ///     GET /conversations.history requires chat:read "Read a channel's messages"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// rate tier2 "20+ per minute"
    /// scope chat:read read "Read messages"
    /// api web {
    ///     auth bearer
    ///     rate tier2
    ///     GET /conversations.history requires chat:read "Read a channel's messages"
    /// }
    /// ```
}

pub(crate) const RULE: LintCode = lints::UNUSED_RATE_TIER;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut used = vec![false; ctx.model.rates.len()];
    for r in ctx.model.endpoints.iter().filter_map(|e| e.rate).chain(ctx.model.apis.iter().filter_map(|a| a.rate)) {
        if let Some(u) = used.get_mut(r) {
            *u = true;
        }
    }
    for (tier, used) in ctx.model.rates.iter().zip(used) {
        if !used {
            out.push(
                RULE.warning(tier.span, format!("rate-limit tier `{}` is not assigned to anything", tier.name))
                    .with_label("no api or endpoint has this tier")
                    .with_help(format!(
                        "assign it with `rate {}` in an api or an endpoint body, or remove it",
                        tier.name
                    )),
            );
        }
    }
}
