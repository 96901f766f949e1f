//! Rate-limit tiers: `rate NAME "…"` declarations, and the `rate NAME` that assigns one to
//! an api (its endpoints' tier) or an endpoint.

use super::ctx::{Ctx, Once};
use super::duplicate::declared_twice;
use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::suggest::closest;
use crate::model::RateTier;
use crate::syntax::ast::{File, Item, Word};

/// Every tier the file declares, into `ctx.rates`; a name declared twice is `E0114`.
pub(crate) fn declare(ctx: &mut Ctx, file: &File) {
    let mut rates: Vec<RateTier> = Vec::new();
    for item in &file.items {
        let Item::Rate(r) = item else { continue };
        if let Some(first) = rates.iter().find(|t| t.name == r.name.text) {
            let what = format!("rate-limit tier `{}`", r.name.text);
            let d =
                declared_twice(codes::DUPLICATE_RATE, what, r.name.span, first.span, "give each tier one declaration");
            ctx.report(d);
            continue;
        }
        rates.push(RateTier {
            name: r.name.text.clone(),
            description: r.description.as_ref().map(|d| d.value.clone()),
            span: r.name.span,
        });
    }
    ctx.rates = rates;
}

/// The tier a `rate NAME` names (`E0306` when none is declared), once per block (a second
/// `rate` in the same api or endpoint is `E0011`).
pub(crate) fn assign(ctx: &mut Ctx, once: &mut Once, name: &Word, span: crate::diagnostic::Span) -> Option<usize> {
    if !once.first(ctx, span) {
        return None;
    }
    if let Some(i) = ctx.rates.iter().position(|t| t.name == name.text) {
        return Some(i);
    }
    let mut d =
        Diagnostic::error(codes::UNKNOWN_RATE, name.span, format!("no rate-limit tier `{}` is declared", name.text))
            .with_label("unknown tier");
    d = match closest(&name.text, ctx.rates.iter().map(|t| t.name.as_str())) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help(format!("declare it at the top level: `rate {} \"what the limit is\"`", name.text)),
    };
    ctx.report(d);
    None
}
