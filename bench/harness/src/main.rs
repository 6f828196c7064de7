//! `kris-bench`: runs the benchmarks and prints their table as Markdown (see `scripts/bench.sh`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "kris-bench",
    about = "Mät prestanda (DESIGN §7) och skriv resultatet som Markdown"
)]
struct Cli {
    /// Storlekar för sök/verifiering/replay, kommaseparerade
    #[arg(long, value_delimiter = ',', default_value = "100000,1000000")]
    sizes: Vec<usize>,
    #[arg(long, default_value_t = 2000)]
    appends: usize,
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Katalog för bänkdatabaserna
    #[arg(long, default_value = "target/bench")]
    dir: PathBuf,
    #[arg(long, default_value_t = 20261124)]
    seed: u64,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let cfg = krisledning_bench::BenchConfig {
        sizes: cli.sizes,
        appends: cli.appends,
        queries: cli.queries,
        dir: cli.dir,
        seed: cli.seed,
    };
    match krisledning_bench::run(&cfg) {
        Ok(report) => {
            print!("{}", report.markdown());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kris-bench: {}", e.message);
            ExitCode::FAILURE
        }
    }
}
