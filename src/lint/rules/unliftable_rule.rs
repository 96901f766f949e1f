use crate::codes::{LintCode, lints};
use crate::diagnostic::Diagnostic;
use crate::lint::{LintContext, rule_doc};

rule_doc! {
    /// ## What it does
    /// Finds `strip`, `mask`, `filter` and `oblige` rules whose `unless` no key the api
    /// accepts can meet: every alternative of the `unless` names a scope that no kind of key
    /// the api takes can hold, or the api reads no key at all.
    ///
    /// ## Why is this bad?
    /// The `unless` promises a way to lift the rule ("unless the app holds
    /// `chat:write.public`") that no key ever takes: the docs describe an exemption that does
    /// not exist. Usually a scope was left out of a kind's `scopes`, or the wrong scope is
    /// named.
    ///
    /// ## Example
    /// ```policy
    /// scope chat:write write "Post messages"
    /// scope chat:write.public write "Post to channels the app is not in"
    /// kind bot "Bot token" { scopes chat:write }
    /// api web {
    ///     auth bearer kind bot
    ///     POST /chat.postMessage requires chat:write "Post" {
    ///         oblige channel_member "The app must be a member of the channel" unless chat:write.public
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    /// ```policy
    /// scope chat:write write "Post messages"
    /// scope chat:write.public write "Post to channels the app is not in"
    /// kind bot "Bot token" { scopes chat:write, chat:write.public }
    /// api web {
    ///     auth bearer kind bot
    ///     POST /chat.postMessage requires chat:write "Post" {
    ///         oblige channel_member "The app must be a member of the channel" unless chat:write.public
    ///     }
    /// }
    /// ```
}

pub(crate) const RULE: LintCode = lints::UNLIFTABLE_RULE;

pub(crate) fn check(ctx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    for e in &m.endpoints {
        let api = &m.apis[e.api];
        // `None`: a scheme takes keys of any kind, so any scope can be held.
        let accepted = if api.auth.is_empty() { Some(Vec::new()) } else { api.accepted_kinds() };
        let Some(accepted) = accepted else { continue };
        for r in &e.rules {
            let Some(unless) = &r.unless else { continue };
            let liftable = unless.iter().any(|term| {
                accepted.iter().filter_map(|k| m.kinds.get(*k)).any(|k| term.iter().all(|s| k.can_hold(*s)))
            });
            if liftable {
                continue;
            }
            let why = if api.auth.is_empty() {
                format!("api `{}` reads no key", api.name)
            } else {
                let kinds: Vec<&str> = accepted.iter().map(|k| m.kind_name(*k)).collect();
                format!("no kind of key the api accepts ({}) can hold these scopes", kinds.join(", "))
            };
            out.push(
                RULE.warning(r.span, format!("no key can lift this `{}` on `{}`", r.kind.as_str(), e.label()))
                    .with_label(why)
                    .with_help("add the scopes to a kind's `scopes`, or name a scope a key can hold in `unless`"),
            );
        }
    }
}
