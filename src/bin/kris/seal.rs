//! `kris checkpoint`, `kris verify --checkpoint` and `kris device show`: this device's key, and
//! signed checkpoints that anchor a record without trusting the laptop it is on.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use krisledning::device::{Device, DeviceInfo, Verifier};
use krisledning::seal;
use krisledning::{Error, Result, Store};

use crate::print_json;

#[derive(Subcommand)]
pub enum DeviceCmd {
    /// Den här datorns nyckel: namn, nyckel-id och verifieringsnyckel att ge den som kontrollerar
    Show {
        #[arg(long)]
        json: bool,
    },
}

pub fn device(cmd: DeviceCmd) -> Result<()> {
    match cmd {
        DeviceCmd::Show { json } => {
            let info: DeviceInfo = Device::load_or_create()?.info()?;
            if json {
                return print_json(&info);
            }
            say!("Enhet:              {}", info.name);
            say!("Nyckel-id:          {}", info.key_id);
            say!("Verifieringsnyckel: {}", info.vkey);
            say!("Nyckelfil:          {}", info.path);
        }
    }
    Ok(())
}

/// Writes a signed checkpoint of the store to `out` (never over a file), or prints it.
pub fn checkpoint(store: &Store, out: Option<PathBuf>) -> Result<()> {
    let note = seal::make(store, &Device::load_or_create()?)?;
    match out {
        None => say!("{}", note.trim_end()),
        Some(path) => {
            if path.exists() {
                return Err(Error::conflict(format!(
                    "{} finns redan; välj ett nytt filnamn för kontrollpunkten.",
                    path.display()
                )));
            }
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
            let name = path
                .file_name()
                .ok_or_else(|| Error::invalid(format!("{} är ingen filsökväg.", path.display())))?;
            krisledning::reports::files::put_named(
                dir.unwrap_or(Path::new(".")),
                &name.to_string_lossy(),
                note.as_bytes(),
            )?;
            say!("Kontrollpunkt skriven: {}", path.display());
        }
    }
    Ok(())
}

/// Checks the store against a checkpoint file, trusting this device's key and those given.
pub fn verify_checkpoint(store: &Store, file: &Path, keys: &[String]) -> Result<()> {
    let bytes = krisledning::import::read_bounded(file, seal::MAX_CHECKPOINT_BYTES)?;
    let note = String::from_utf8(bytes)
        .map_err(|_| Error::invalid(format!("{} är inte text.", file.display())))?;
    let trusted = keys
        .iter()
        .map(|k| Verifier::parse(k))
        .collect::<Result<Vec<_>>>()?;
    let r = seal::verify(store, &note, &Device::load_or_create()?, &trusted)?;
    say!(
        "OK kontrollpunkten stämmer: post {} med hash {} ({}) finns oförändrad; signerad av {}{}. Journalen har nu {} poster.",
        r.checkpoint.entries,
        r.checkpoint.head_hash,
        r.checkpoint.time,
        r.signed_by,
        if r.own_device { " (den här datorn)" } else { "" },
        r.entries_now
    );
    Ok(())
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    cmd: Option<BackupCmd>,
    /// Mapp för säkerhetskopior (standard: sakerhetskopior/ bredvid databasen), t.ex. ett USB-minne
    #[arg(long)]
    to: Option<PathBuf>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum BackupCmd {
    /// Säkerhetskopiorna i mappen: tid, storlek, antal poster och huvudhash
    List {
        #[arg(long)]
        to: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

fn print_backup(b: &krisledning::backup::BackupInfo) {
    say!(
        "{}  {}  {} kB  {} poster  {}{}",
        b.path,
        krisledning::time::local_minute(&b.made_at),
        b.bytes / 1024,
        b.entries,
        b.head_hash,
        b.problem
            .as_deref()
            .map(|p| format!("  ({p})"))
            .unwrap_or_default()
    );
}

pub fn backup(db: &Path, args: BackupArgs) -> Result<()> {
    let dir = |to: Option<PathBuf>| to.unwrap_or_else(|| krisledning::backup::default_dir(db));
    match args.cmd {
        Some(BackupCmd::List { to, json }) => {
            let list = krisledning::backup::list(db, &dir(to));
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                say!("Inga säkerhetskopior i {}.", dir(None).display());
            }
            list.iter().for_each(print_backup);
        }
        None => {
            let store = Store::open_read_only(db)?;
            let b = krisledning::backup::backup(&store, &dir(args.to), &Device::load_or_create()?)?;
            if args.json {
                return print_json(&b);
            }
            say!("Säkerhetskopia kontrollerad och signerad:");
            print_backup(&b);
        }
    }
    Ok(())
}

pub fn restore(db: &Path, file: &Path, to: Option<PathBuf>) -> Result<()> {
    let dir = to.unwrap_or_else(|| krisledning::backup::default_dir(db));
    let saved = krisledning::backup::restore(db, file, &dir, &Device::load_or_create()?)?;
    say!(
        "Återställd från {}. Databasen som ersattes finns kontrollerad i {}.",
        file.display(),
        saved.path
    );
    Ok(())
}
