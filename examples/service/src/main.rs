//! `scopec-example-service`: serve the RxScale api, or manage its keys.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use scopec_example_service::keys::{self, KeysError};
use scopec_example_service::{app, seeds::rxscale::Policy};
use scopec_keystore::{Clock, Options, SqliteStore, SystemClock};

#[derive(Parser)]
#[command(about = "The RxScale api behind scopec-tower, keys in SQLite")]
struct Cli {
    /// The SQLite key store.
    #[arg(long, global = true, default_value = "scopec-example.db")]
    db: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the api (the default).
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:3000")]
        addr: SocketAddr,
    },
    /// Manage keys.
    #[command(subcommand)]
    Keys(Keys),
}

#[derive(Subcommand)]
enum Keys {
    /// Issue a key and print it (the only time it is shown).
    Create {
        /// The api: pharmacy, management or public.
        #[arg(long)]
        api: String,
        /// Comma-separated scopes.
        #[arg(long, value_delimiter = ',')]
        scopes: Vec<String>,
        /// A name for the key.
        #[arg(long, default_value = "")]
        label: String,
        /// Days until it expires.
        #[arg(long)]
        expires_in_days: Option<i64>,
    },
    /// Issue a replacement; the old key works for the grace window, then expires.
    Rotate {
        /// The key's id.
        id: i64,
        /// Seconds the old key keeps working (default: the api's `rotation grace`, else 0).
        #[arg(long)]
        grace: Option<u64>,
    },
    /// Revoke a key, at once.
    Revoke {
        /// The key's id.
        id: i64,
    },
    /// List the keys.
    List,
    /// Print the audit log.
    Audit,
}

fn open(db: &PathBuf) -> Result<SqliteStore<SystemClock>, KeysError> {
    Ok(SqliteStore::open(db, Options::default(), SystemClock)?)
}

fn keys(db: &PathBuf, command: Keys) -> Result<String, KeysError> {
    let store = open(db)?;
    let actor = std::env::var("USER").unwrap_or_else(|_| "cli".to_string());
    Ok(match command {
        Keys::Create { api, scopes, label, expires_in_days } => {
            let request = keys::Request {
                api,
                scopes,
                label,
                expires_in: expires_in_days.map(|d| d * 86_400),
                ..Default::default()
            };
            let issued = store.create(&keys::new_key::<Policy>(&request, SystemClock.now())?, &actor)?;
            format!("key {}: {}\n(shown once: only its SHA-256 hash is stored)\n", issued.id, issued.secret)
        }
        Keys::Rotate { id, grace } => {
            let api = store.get(id)?.map(|k| k.api).unwrap_or_default();
            let grace = keys::grace::<Policy>(&api, grace);
            let issued = store.rotate(id, grace, &actor)?;
            format!("key {}: {}\n(key {id} keeps working for {grace} s)\n", issued.id, issued.secret)
        }
        Keys::Revoke { id } => {
            store.revoke(id, &actor)?;
            format!("key {id} revoked\n")
        }
        Keys::List => keys::list(&store)?,
        Keys::Audit => store
            .audit_log()?
            .iter()
            .map(|e| format!("{:>4}  {}  {:<8} {:<10} {}\n", e.id, e.at, e.action, e.actor, e.detail))
            .collect(),
    })
}

async fn serve(db: &PathBuf, addr: SocketAddr) -> Result<(), String> {
    let store = open(db).map_err(|e| e.to_string())?;
    let app = app::app(store, scopec_tower::Config::default());
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("{addr}: {e}"))?;
    eprintln!("serving the RxScale api on http://{addr} (keys in {})", db.display());
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command.unwrap_or(Command::Serve { addr: SocketAddr::from(([127, 0, 0, 1], 3000)) }) {
        Command::Serve { addr } => serve(&cli.db, addr).await,
        Command::Keys(command) => keys(&cli.db, command).map(|out| print!("{out}")).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
