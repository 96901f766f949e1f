//! Error bodies per api, and the declared key formats.

use proc_macro2::TokenStream;
use quote::quote;
use scopec_runtime::Piece;

use super::tokens::{num, opt_string, string};
use crate::model::template::{self, pieces};
use crate::model::{ErrorBodies, Model, SchemeKind};

/// Every item of this part of the module.
pub fn items(model: &Model) -> TokenStream {
    [errors(model), key_formats(model)].into_iter().collect()
}

/// A message piece as the runtime's [`Piece`].
fn piece(p: &template::Piece<'_>) -> TokenStream {
    match p {
        template::Piece::Text(t) => {
            let t = string(t);
            quote!(rt::Piece::Text(#t))
        }
        template::Piece::Var(name, ..) => {
            let found = Piece::PLACEHOLDERS.iter().find(|p| p.placeholder() == Some(name));
            match found {
                Some(p) => {
                    let variant = super::tokens::ident(&format!("{p:?}"));
                    quote!(rt::Piece::#variant)
                }
                // Validation refuses unknown placeholders (E0302); text is the safe reading.
                None => {
                    let t = string(&format!("{{{name}}}"));
                    quote!(rt::Piece::Text(#t))
                }
            }
        }
    }
}

fn error_set(bodies: &ErrorBodies) -> TokenStream {
    let items = bodies.bodies.iter().map(|(status, b)| {
        let message: Vec<TokenStream> = match pieces(&b.message) {
            Ok(ps) => ps.iter().map(piece).collect(),
            Err(_) => {
                let t = string(&b.message);
                vec![quote!(rt::Piece::Text(#t))]
            }
        };
        let (status, code) = (num(usize::from(*status)), string(&b.code));
        quote!(rt::Body { status: #status, code: #code, message: &[#(#message),*] })
    });
    let trace = opt_string(bodies.trace.as_deref());
    quote!(rt::Errors { bodies: &[#(#items),*], trace: #trace })
}

fn errors(model: &Model) -> TokenStream {
    let sets: Vec<TokenStream> =
        model.apis.iter().map(|a| error_set(&a.errors)).chain([error_set(&model.errors)]).collect();
    let n = num(sets.len());
    quote! {
        /// Error bodies per api; the last entry is the file's (for 400 and 404).
        static ERRORS: [rt::Errors; #n] = [#(#sets),*];
    }
}

fn key_formats(model: &Model) -> TokenStream {
    let mut items = Vec::new();
    for api in &model.apis {
        for a in &api.auth {
            let scheme = match &a.kind {
                SchemeKind::Bearer => "bearer".to_string(),
                SchemeKind::Header(h) => format!("header {h:?}"),
                SchemeKind::Query(q) => format!("query {q:?}"),
            };
            for f in &a.formats {
                let length = match f.length {
                    Some((min, max)) => {
                        let (min, max) = (num(min as usize), num(max as usize));
                        quote!(Some((#min, #max)))
                    }
                    None => quote!(None),
                };
                let (api_name, scheme, legacy) = (string(&api.name), string(&scheme), a.legacy);
                let (prefix, env) = (string(&f.prefix), opt_string(f.env.as_deref()));
                let kind = match f.kind {
                    Some(k) => {
                        let k = super::grants::kind_id(k);
                        quote!(Some(#k))
                    }
                    None => quote!(None),
                };
                items.push(quote! {
                    KeyFormat {
                        api: #api_name,
                        scheme: #scheme,
                        legacy: #legacy,
                        prefix: #prefix,
                        length: #length,
                        env: #env,
                        kind: #kind,
                    }
                });
            }
        }
    }
    let n = num(items.len());
    quote! {
        /// Every declared key format.
        pub static KEY_FORMATS: [KeyFormat; #n] = [#(#items),*];
    }
}
