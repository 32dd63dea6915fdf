//! `maalrapport serve`: preview the site in the browser while editing.

use clap::Args;

use super::RootArgs;
use crate::model::Date;
use crate::serve::{run as serve, ServeOptions};
use crate::site::BuildOptions;

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Include drafts and embargoed seminars, marked "UDKAST".
    #[arg(long)]
    pub drafts: bool,
    /// Reference date for embargo, YYYY-MM-DD (default: the config's `as_of`).
    #[arg(long, value_parser = super::parse_date)]
    pub as_of: Option<Date>,
}

pub fn run(args: &ServeArgs) -> u8 {
    let opts = ServeOptions {
        root: args.root.root.clone(),
        build: BuildOptions {
            drafts: args.drafts,
            as_of: args.as_of,
            // No progress bar: a rebuild is over before one would show.
            ..BuildOptions::default()
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
