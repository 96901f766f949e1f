//! Lowering of `api` blocks: settings, auth, keys and endpoints.

use pest::iterators::Pair;

use super::expr::{requirement, unless};
use super::items::note;
use super::tokens::{field_list, scope_list, string, word};
use super::{Kids, Lower, Lowered, span};
use crate::syntax::ast::{
    ApiBlock, ApiStmt, Auth, BodyStmt, DataRule, Endpoint, Expiry, FilterRule, HeaderDecl, KeyFact, KeyFormat,
    KeyLength, KeysBlock, KindDecl, KindScopes, KindStmt, QueryParam, Scheme, When, Word,
};
use crate::syntax::parser::Rule;

impl Lower {
    /// `api_block`
    pub(crate) fn api_block(&mut self, pair: Pair<'_, Rule>) -> Lowered<ApiBlock> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let name = word(&kids.take(Rule::ident)?);
        let title = kids.take_if(Rule::string).map(string).transpose()?;
        let mut stmts = Vec::new();
        while let Some(p) = kids.next_any() {
            let psp = span(&p);
            stmts.push(match p.as_rule() {
                Rule::api_base => ApiStmt::Base(string(Kids::of(p).take(Rule::string)?)?, psp),
                Rule::api_auth => ApiStmt::Auth(self.api_auth(p)?),
                Rule::api_header => ApiStmt::Header(api_header(p)?),
                Rule::api_effective => ApiStmt::Effective(Kids::of(p).inner.map(|w| word(&w)).collect(), psp),
                Rule::keys_block => ApiStmt::Keys(self.keys_block(p)?),
                Rule::errors_block => ApiStmt::Errors(self.errors_block(p)?),
                Rule::rate_use => ApiStmt::Rate(word(&Kids::of(p).take(Rule::ident)?), psp),
                Rule::note => ApiStmt::Note(note(p)?),
                Rule::endpoint => ApiStmt::Endpoint(self.endpoint(p)?),
                _ => return Err(kids.unexpected(&p)),
            });
        }
        Ok(ApiBlock { name, title, stmts, span: sp })
    }

    /// `api_auth`
    fn api_auth(&mut self, pair: Pair<'_, Rule>) -> Lowered<Auth> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let scheme_pair = kids.take(Rule::auth_scheme)?;
        let scheme_span = span(&scheme_pair);
        let (legacy, scheme) = auth_scheme(scheme_pair)?;
        let mut formats = Vec::new();
        while let Some(p) = kids.take_if(Rule::key_format) {
            formats.push(self.key_format(p)?);
        }
        let kinds = match kids.take_if(Rule::auth_kinds) {
            Some(p) => Kids::of(p).inner.filter(|w| w.as_rule() == Rule::ident).map(|w| word(&w)).collect(),
            None => Vec::new(),
        };
        Ok(Auth { legacy, scheme, scheme_span, formats, kinds, span: sp })
    }

    /// `kind_decl`
    pub(crate) fn kind_decl(&mut self, pair: Pair<'_, Rule>) -> Lowered<KindDecl> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let name = word(&kids.take(Rule::ident)?);
        let title = kids.take_if(Rule::string).map(string).transpose()?;
        let mut stmts = Vec::new();
        while let Some(p) = kids.next_any() {
            let psp = span(&p);
            stmts.push(match p.as_rule() {
                Rule::kind_format => {
                    let mut formats = Vec::new();
                    let mut k = Kids::of(p);
                    while let Some(f) = k.take_if(Rule::key_format) {
                        formats.push(self.key_format(f)?);
                    }
                    KindStmt::Format(formats, psp)
                }
                Rule::kind_scopes => {
                    let mut k = Kids::of(p);
                    let scopes = match k.next_any() {
                        Some(q) if q.as_rule() == Rule::kw_any => KindScopes::Any,
                        Some(q) if q.as_rule() == Rule::kind_pattern => {
                            KindScopes::Matching(string(Kids::of(q).take(Rule::string)?)?)
                        }
                        Some(q) if q.as_rule() == Rule::scope_list => KindScopes::List(scope_list(q)?),
                        Some(q) => return Err(k.unexpected(&q)),
                        None => return Err(k.missing("the scopes of the kind")),
                    };
                    KindStmt::Scopes(scopes, psp)
                }
                _ => KindStmt::Fact(self.key_fact(p)?),
            });
        }
        Ok(KindDecl { name, title, stmts, span: sp })
    }

    /// `key_format`
    fn key_format(&mut self, pair: Pair<'_, Rule>) -> Lowered<KeyFormat> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let prefix = string(kids.take(Rule::string)?)?;
        let mut lengths = Vec::new();
        let mut envs = Vec::new();
        while let Some(p) = kids.next_any() {
            match p.as_rule() {
                Rule::key_length => lengths.push(self.key_length(p)?),
                Rule::key_env => envs.push(word(&Kids::of(p).take(Rule::ident)?)),
                _ => return Err(kids.unexpected(&p)),
            }
        }
        Ok(KeyFormat { prefix, lengths, envs, span: sp })
    }

    /// `key_length`
    fn key_length(&mut self, pair: Pair<'_, Rule>) -> Lowered<KeyLength> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let min = self.integer(&kids.take(Rule::integer)?);
        let max = match kids.take_if(Rule::integer) {
            Some(p) => self.integer(&p),
            None => min,
        };
        Ok(KeyLength { min, max, span: sp })
    }

    /// `keys_block`
    fn keys_block(&mut self, pair: Pair<'_, Rule>) -> Lowered<KeysBlock> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let mut facts = Vec::new();
        while let Some(p) = kids.next_any() {
            facts.push(self.key_fact(p)?);
        }
        Ok(KeysBlock { facts, span: sp })
    }

    /// One `key_fact` (of a `keys` block or a `kind`).
    fn key_fact(&mut self, p: Pair<'_, Rule>) -> Lowered<KeyFact> {
        let psp = span(&p);
        Ok(match p.as_rule() {
            Rule::key_kind => {
                let mut k = Kids::of(p);
                KeyFact::Kind {
                    name: string(k.take(Rule::string)?)?,
                    description: k.take_if(Rule::string).map(string).transpose()?,
                    span: psp,
                }
            }
            Rule::key_stored => KeyFact::Stored(word(&Kids::of(p).take(Rule::ident)?), psp),
            Rule::key_shown => KeyFact::ShownOnce(psp),
            Rule::key_rotation => KeyFact::Rotation(self.duration(&Kids::of(p).take(Rule::duration)?), psp),
            Rule::key_expiry => {
                let mode = Kids::of(p).take(Rule::expiry_mode)?;
                let expiry = match mode.as_str() {
                    "optional" => Expiry::Optional,
                    "required" => Expiry::Required,
                    _ => Expiry::None,
                };
                KeyFact::Expiry(expiry, psp)
            }
            Rule::key_revocation => {
                let mut k = Kids::of(p);
                match k.take_if(Rule::duration) {
                    Some(d) => KeyFact::Revocation(Some(self.duration(&d)), psp),
                    None => KeyFact::Revocation(None, psp),
                }
            }
            Rule::key_audit => KeyFact::Audit(string(Kids::of(p).take(Rule::string)?)?, psp),
            Rule::note => KeyFact::Note(note(p)?),
            _ => {
                return Err(Box::new(crate::diagnostic::Diagnostic::internal(
                    psp,
                    format!("unexpected {:?} among key facts", p.as_rule()),
                )));
            }
        })
    }

    /// `endpoint`
    fn endpoint(&mut self, pair: Pair<'_, Rule>) -> Lowered<Endpoint> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let method = word(&kids.take(Rule::method)?);
        let path = word(&kids.take(Rule::path)?);
        let requirement = requirement(kids.take(Rule::requirement)?)?;
        let summary = kids.take_if(Rule::string).map(string).transpose()?;
        let body = match kids.take_if(Rule::endpoint_body) {
            Some(b) => endpoint_body(b)?,
            None => Vec::new(),
        };
        Ok(Endpoint { method, path, requirement, summary, body, span: sp })
    }
}

/// `auth_scheme`: `(legacy, scheme)`.
fn auth_scheme(pair: Pair<'_, Rule>) -> Lowered<(bool, Scheme)> {
    let mut kids = Kids::of(pair);
    let legacy = kids.take_if(Rule::legacy).is_some();
    let scheme = match kids.next_any() {
        Some(p) if p.as_rule() == Rule::scheme_bearer => Scheme::Bearer,
        Some(p) if p.as_rule() == Rule::scheme_header => Scheme::Header(string(Kids::of(p).take(Rule::string)?)?),
        Some(p) if p.as_rule() == Rule::scheme_query => Scheme::Query(string(Kids::of(p).take(Rule::string)?)?),
        Some(p) => return Err(kids.unexpected(&p)),
        None => return Err(kids.missing("an auth scheme")),
    };
    Ok((legacy, scheme))
}

/// `api_header`
fn api_header(pair: Pair<'_, Rule>) -> Lowered<HeaderDecl> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let name = string(kids.take(Rule::string)?)?;
    let required = match kids.take_if(Rule::kw_required) {
        Some(_) => true,
        None => kids.take(Rule::kw_optional).map(|_| false)?,
    };
    Ok(HeaderDecl { name, required, description: kids.take_if(Rule::string).map(string).transpose()?, span: sp })
}

/// `endpoint_body`
fn endpoint_body(pair: Pair<'_, Rule>) -> Lowered<Vec<BodyStmt>> {
    let mut kids = Kids::of(pair);
    let mut out = Vec::new();
    while let Some(p) = kids.next_any() {
        out.push(match p.as_rule() {
            Rule::rule_strip => BodyStmt::Strip(data_rule(p)?),
            Rule::rule_mask => BodyStmt::Mask(data_rule(p)?),
            Rule::rule_filter => BodyStmt::Filter(rule_filter(p)?),
            Rule::rule_oblige => BodyStmt::Oblige(rule_filter(p)?),
            Rule::when_clause => BodyStmt::When(when_clause(p)?),
            Rule::query_param => BodyStmt::Query(query_param(p)?),
            Rule::body_param => BodyStmt::Body(query_param(p)?),
            Rule::rate_use => {
                let sp = span(&p);
                BodyStmt::Rate(word(&Kids::of(p).take(Rule::ident)?), sp)
            }
            Rule::note => BodyStmt::Note(note(p)?),
            _ => return Err(kids.unexpected(&p)),
        });
    }
    Ok(out)
}

/// `rule_strip` and `rule_mask`, which share a shape.
fn data_rule(pair: Pair<'_, Rule>) -> Lowered<DataRule> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    Ok(DataRule {
        fields: field_list(kids.take(Rule::field_list)?),
        unless: kids.take_if(Rule::unless).map(unless).transpose()?,
        span: sp,
    })
}

/// `rule_filter` and `rule_oblige`, which share a shape.
fn rule_filter(pair: Pair<'_, Rule>) -> Lowered<FilterRule> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    Ok(FilterRule {
        name: word(&kids.take(Rule::ident)?),
        description: kids.take_if(Rule::string).map(string).transpose()?,
        unless: kids.take_if(Rule::unless).map(unless).transpose()?,
        span: sp,
    })
}

/// `when_clause`
fn when_clause(pair: Pair<'_, Rule>) -> Lowered<When> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let (key, header, value, match_span) = match kids.take_if(Rule::header_match) {
        Some(m) => {
            let match_span = span(&m);
            let mut mk = Kids::of(m);
            let name = string(mk.take(Rule::string)?)?;
            let value = mk.take_if(Rule::string).map(string).transpose()?.map(|v| v.value);
            (Word { text: name.value, span: name.span }, true, value, match_span)
        }
        None => {
            let m = kids.take(Rule::query_match)?;
            let match_span = span(&m);
            let mut mk = Kids::of(m);
            let key: Word = word(&mk.take(Rule::query_key)?);
            (key, false, mk.take_if(Rule::query_value).map(|v| v.as_str().to_string()), match_span)
        }
    };
    let set = match kids.take_if(Rule::value_set) {
        Some(s) => {
            let set_span = span(&s);
            let values = Kids::of(s).inner.map(set_value).collect::<Lowered<Vec<Word>>>()?;
            Some((values, set_span))
        }
        None => None,
    };
    Ok(When { key, header, value, set, match_span, requirement: requirement(kids.take(Rule::requirement)?)?, span: sp })
}

/// `set_value`: a quoted or bare value, as its text.
fn set_value(pair: Pair<'_, Rule>) -> Lowered<Word> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    match kids.take_if(Rule::string) {
        Some(s) => Ok(Word { text: string(s)?.value, span: sp }),
        None => Ok(word(&kids.take(Rule::bare_value)?)),
    }
}

/// `query_param` and `body_param`, which share a shape.
fn query_param(pair: Pair<'_, Rule>) -> Lowered<QueryParam> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let name = word(&kids.take(Rule::query_key)?);
    let required = kids.take_if(Rule::kw_required).is_some();
    if !required {
        kids.take(Rule::kw_optional)?;
    }
    let default = match kids.take_if(Rule::param_default) {
        Some(d) => Some(set_value(Kids::of(d).take(Rule::set_value)?)?),
        None => None,
    };
    Ok(QueryParam {
        name,
        required,
        default,
        description: kids.take_if(Rule::string).map(string).transpose()?,
        span: sp,
    })
}
