//! `maalrapport serve`: preview the site in the browser while editing.

use clap::Args;

use super::RootArgs;
use crate::serve::{run as serve, ServeOptions};

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    #[command(flatten)]
    pub embargo: super::EmbargoArgs,
    #[command(flatten)]
    pub charts: super::ChartArgs,
}

pub fn run(args: &ServeArgs) -> u8 {
    let opts = ServeOptions {
        root: args.root.root.clone(),
        // No progress bar: a rebuild is over before one would show.
        build: crate::site::BuildOptions {
            png: args.charts.png,
            ..args.embargo.options()
        },
        port: args.port,
    };
    match serve(&opts) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("fejl: {e}");
            2
        }
    }
}
