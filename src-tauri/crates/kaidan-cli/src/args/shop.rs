//! The shop's own subcommands: company, operators, settings, import batches, backups.

use std::path::PathBuf;

use clap::Subcommand;

#[derive(Subcommand)]
pub(crate) enum ImportsCmd {
    List,
    /// Undo a whole import batch while nothing depends on it (owner).
    Undo {
        batch: String,
    },
}

#[derive(Subcommand)]
pub(crate) enum BackupsCmd {
    List {
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub(crate) enum CompanyCmd {
    Show,
    Set {
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        tax_id: Option<String>,
        #[arg(long)]
        bank_account: Option<String>,
    },
    /// The logo printed in document headers: a PNG or JPEG of at most 512 KiB (owner).
    Logo {
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum OperatorCmd {
    Add {
        name: String,
        #[arg(long, default_value = "clerk")]
        role: String,
        /// 4–12 digits.
        #[arg(long = "new-pin")]
        new_pin: Option<String>,
    },
    List,
    /// Renames an operator (the log keeps naming the same person).
    Rename {
        name: String,
        new_name: String,
    },
    /// Sets an operator's PIN (4–12 digits), or clears it with --clear. Anyone may change their
    /// own; someone else's is the owner's.
    Pin {
        name: String,
        #[arg(long = "new-pin", required_unless_present = "clear", conflicts_with = "clear")]
        new_pin: Option<String>,
        #[arg(long)]
        clear: bool,
    },
    /// The operator no longer signs in or acts; never deleted (the log names them).
    Deactivate {
        name: String,
    },
    /// A deactivated operator back at the counter.
    Activate {
        name: String,
    },
}

#[derive(Subcommand)]
pub(crate) enum SettingsCmd {
    Show,
    Set { key: String, value: String },
}
