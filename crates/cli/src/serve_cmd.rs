//! `faultline serve`: the HTTP JSON API and the web dashboard over a store.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on. Loopback only by default; any other address must be given
    /// here explicitly, and makes the store readable by whoever can reach it.
    #[arg(long, default_value = faultline_server::DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// The database to serve.
    #[arg(long, default_value = "faultline.db")]
    pub db: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(faultline_server::max_blocking_threads())
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(serve(args))?;
    Ok(ExitCode::SUCCESS)
}

/// Serves `args.db` on `args.addr` until Ctrl-C or SIGTERM.
pub async fn serve(args: &Args) -> anyhow::Result<()> {
    let mut config = faultline_server::ServerConfig::new(&args.db);
    // On loopback, answer only to loopback names (no DNS rebinding); elsewhere the
    // machine is reached by its own names.
    config.loopback_hosts_only = faultline_server::is_loopback(&args.addr);
    let app = faultline_server::router(&config).context("opening the database")?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("listening on {}", args.addr))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    if !faultline_server::is_loopback(&addr) {
        eprintln!(
            "faultline: warning: listening on {addr}, not loopback: anyone who can reach this machine can read {}",
            args.db.display()
        );
    }
    println!("faultline: serving {} at http://{addr}/ (Ctrl-C to stop)", args.db.display());
    faultline_server::serve(listener, app, shutdown_signal()).await.context("serving")?;
    eprintln!("faultline: stopped");
    Ok(())
}

/// Completes on Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, only SIGTERM (or a kill) stops the server.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Serve {
        #[command(flatten)]
        args: Args,
    }

    #[test]
    fn the_default_address_is_loopback() {
        let serve = Serve::try_parse_from(["serve"]).unwrap();
        assert!(serve.args.addr.ip().is_loopback(), "{}", serve.args.addr);
        assert_eq!(serve.args.db, PathBuf::from("faultline.db"));
        // Anything else must be asked for.
        let serve = Serve::try_parse_from(["serve", "--addr", "0.0.0.0:9000"]).unwrap();
        assert!(!faultline_server::is_loopback(&serve.args.addr));
    }
}
