use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds an alternative of an endpoint's requirement that no key the api accepts can
    /// meet, because no kind of key that may use it can hold all its scopes (a kind's
    /// `scopes` line).
    ///
    /// ## Why is this bad?
    /// The alternative looks like a way in, in the docs and in the OpenAPI document, but no
    /// key ever takes it: a scope was left out of a kind's list, the wrong kind is named, or
    /// the endpoint belongs to another api.
    ///
    /// ## Example
    /// ```policy
    /// scope chat:write write "Post messages"
    /// scope admin.users:write admin "Manage users"
    /// kind bot "Bot token" { scopes chat:write }
    /// api web {
    ///     auth bearer kind bot
    ///     POST /chat.postMessage requires chat:write "Post"
    ///     POST /admin.users.invite requires admin.users:write "Invite"
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope chat:write write "Post messages"
    /// scope admin.users:write admin "Manage users"
    /// kind bot "Bot token" { scopes chat:write }
    /// kind user "User token" { scopes any }
    /// api web {
    ///     auth bearer kind bot, user
    ///     POST /chat.postMessage requires chat:write "Post"
    ///     POST /admin.users.invite requires kind user & admin.users:write "Invite"
    /// }
    /// ```
}

pub(crate) const RULE: LintCode = lints::UNHOLDABLE_ALTERNATIVE;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for e in m.endpoints.iter().filter(|e| !e.requirement.anonymous) {
        let api = &m.apis[e.api];
        // A scheme that takes keys of any kind lets any scope through.
        let Some(accepted) = api.accepted_kinds().filter(|_| !api.auth.is_empty()) else { continue };
        for (kind, term) in e.requirement.alternatives() {
            let candidates: Vec<usize> = match kind {
                Some(k) => vec![k],
                None => accepted.clone(),
            };
            let holdable =
                candidates.iter().filter_map(|k| m.kinds.get(*k)).any(|k| term.iter().all(|s| k.can_hold(*s)));
            if holdable {
                continue;
            }
            let text = m.term_text(kind, term);
            let kinds: Vec<&str> = candidates.iter().map(|k| m.kind_name(*k)).collect();
            out.push(
                RULE.warning(e.requirement_span, format!("no key can meet `{text}` on `{}`", e.label()))
                    .with_label(format!("no kind of key it may use ({}) can hold these scopes", kinds.join(", ")))
                    .with_help(
                        "add the scopes to a kind's `scopes`, or restrict the alternative to a kind that holds them",
                    ),
            );
        }
    }
}
