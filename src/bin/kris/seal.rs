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
