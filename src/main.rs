//! The `stele` command line: parses arguments, runs a command, prints what happened, and
//! maps the outcome to the exit codes of the CLI contract (0 ok, 1 site errors, 2 usage/I/O).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use stele::build::{BuildError, BuildReport, build};
use stele::diagnostics::{self, Diagnostic, Style};

#[derive(Parser)]
#[command(
    name = "stele",
    version,
    about = "Build multilingual guidance sites whose facts cannot drift between languages",
    long_about = "Stele keeps facts (dates, versions, limits, links) once in YAML, prose in Fluent \
                  messages per locale, and layout in Tera templates, and renders every page in \
                  every language from them."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render every page in every locale into the output folder.
    Build {
        /// The site folder (holds content/, locales/, themes/).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Output folder; replaced as a whole only after a successful build.
        #[arg(long, help = "Output folder [default: <site>/public]")]
        out: Option<PathBuf>,
    },
    /// Create a small working site in a new or empty folder.
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { site, out } => run_build(&site, out.as_deref()),
        Command::Init { dir } => match stele::init::init(&dir) {
            Ok(files) => {
                println!(
                    "Created a Stele site in {} ({} files).",
                    dir.display(),
                    files.len()
                );
                println!("Build it with: stele build --site {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
    }
}

fn style() -> Style {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::Color
    } else {
        Style::Plain
    }
}

fn print_diagnostics(problems: &mut [Diagnostic], root: &Path) {
    diagnostics::sort(problems);
    let style = style();
    for problem in problems.iter() {
        eprintln!("{}\n", diagnostics::render_human(problem, root, style));
    }
}

fn run_build(site: &Path, out: Option<&Path>) -> ExitCode {
    match build(site, out) {
        Ok(mut report) => {
            print_diagnostics(&mut report.warnings, site);
            print_fallbacks(&report);
            println!(
                "Built {} pages × {} locales ({} files) into {} in {:.2} s.",
                report.pages,
                report.locales,
                report.files,
                report.out.display(),
                report.seconds
            );
            println!(
                "Open {} in a browser.",
                report.out.join("index.html").display()
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Site(mut problems)) => {
            let errors = problems.iter().filter(|p| p.is_error()).count();
            print_diagnostics(&mut problems, site);
            eprintln!(
                "error: the build stopped with {errors} error{}; nothing was written.",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(1)
        }
        Err(BuildError::Output(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// One summary of everything shown in the source language, grouped by locale.
fn print_fallbacks(report: &BuildReport) {
    if report.fallbacks.is_empty() {
        return;
    }
    eprintln!(
        "warning: {} translation{} missing; these show the source text instead:",
        report.fallbacks.len(),
        if report.fallbacks.len() == 1 {
            " is"
        } else {
            "s are"
        }
    );
    let width = report
        .fallbacks
        .iter()
        .map(|f| f.id.chars().count())
        .max()
        .unwrap_or(0);
    for fallback in &report.fallbacks {
        eprintln!(
            "  {:<8} {:<width$}  add to {}",
            fallback.locale,
            fallback.id,
            fallback.file.display()
        );
    }
    eprintln!();
}
