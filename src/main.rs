//! The `stele` command line: parses arguments, runs a command, prints what happened, and
//! maps the outcome to the exit codes of the CLI contract (0 ok, 1 site errors, 2 usage/I/O).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::BTreeMap;

use clap::{Parser, Subcommand, ValueEnum};

use stele::diagnostics::{self, Code, Diagnostic, Style};
use stele::load::config::Overrides;
use stele::load::lock::lock_path;
use stele::load::site::Site;
use stele::pipeline::{BuildError, BuildReport, build_keeping, check_site, make_strict};

// A build allocates millions of small strings, events and trees from every thread; mimalloc
// serves those faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_t` (include/mimalloc.h); the Rust
/// bindings name no constant for it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// A build is one short process whose memory is freed and reused page after page. By
/// default mimalloc 3 hands memory that stayed free for a second back to the kernel, which
/// zeroes it again on the next use: measured on a 30,000-page build, that was 0.6 s of
/// system time. A build keeps its memory until it exits instead; a long-running `stele
/// serve` keeps the default.
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores an integer in mimalloc's option table; it is
    // called before the build starts any other thread.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
    no_huge_pages();
}

/// Transparent huge pages make the kernel zero 2 MiB at the first touch of any byte in
/// them; a build touches its memory sparsely, across many of mimalloc's pages. Measured on
/// the 30,000-page site: a full build spent a quarter less system time without them (4.2-4.5
/// s against 4.8-5.6 s), and `stele build` after a data edit on a machine idle for a while
/// took 0.14 s instead of 0.24-0.39 s. Only this process is affected.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // Not every kernel has the setting; a build without it is only slower.
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

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
        /// Treat warnings (missing, stale, unreviewed translations) as errors, for CI.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        overrides: OverrideArgs,
    },
    /// Run every drift and consistency check; writes nothing.
    Check {
        /// The site folder (holds content/, locales/, themes/).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// `human` (rustc-style, on stderr) or `json` (one array, on stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors: exit 1 on any finding.
        #[arg(long)]
        strict: bool,
    },
    /// Translation coverage per locale: translated, reviewed, stale, missing, obsolete.
    Status {
        /// The site folder (holds content/, locales/, themes/).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// `human` (a table) or `json`.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Seal reviewed translations in locales/TAG/stele.lock: the source and translation as
    /// they are now. Prints each unit it seals with its source and translation.
    Review {
        /// The locale whose translations were reviewed.
        #[arg(long)]
        locale: String,
        /// Message ids to seal.
        ids: Vec<String>,
        /// Seal every block of a translated page (its source file, `content/pages/about.md`,
        /// or its slug, `about`). Repeatable.
        #[arg(long = "page", value_name = "PAGE")]
        pages: Vec<String>,
        /// Seal every translated message and page of the locale.
        #[arg(long, conflicts_with_all = ["ids", "pages"])]
        all: bool,
        /// Show what would be sealed; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The site folder (holds content/, locales/, themes/).
        #[arg(long, default_value = ".")]
        site: PathBuf,
    },
    /// Serve the site on 127.0.0.1, rebuilding and reloading open pages on every edit.
    Serve {
        /// The site folder (holds content/, locales/, themes/).
        #[arg(long, default_value = ".")]
        site: PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        overrides: OverrideArgs,
    },
    /// Print a shell completion script (for example: stele completions bash > /etc/bash_completion.d/stele).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Create a small working site in a new or empty folder.
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
    },
}

/// Settings of one build over those of `content/site.yaml`.
#[derive(clap::Args)]
struct OverrideArgs {
    /// Publish at this address instead of `base_url` (a preview deploy).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Also build pages marked `draft: true` (they stay out of the sitemap).
    #[arg(long)]
    drafts: bool,
}

impl OverrideArgs {
    fn into_overrides(self) -> Overrides {
        Overrides {
            base_url: self.base_url,
            drafts: self.drafts,
        }
    }
}

fn main() -> ExitCode {
    // Every bad input is meant to become a diagnostic; should a bug still panic, say so
    // plainly instead of printing a backtrace at the user. The previous output is intact:
    // builds only ever write into a staging folder until they succeed.
    std::panic::set_hook(Box::new(|info| {
        let file = stele::diagnostics::being_processed()
            .map(|file| format!(" while processing {}", file.display()))
            .unwrap_or_default();
        eprintln!(
            "internal error{file}: {info}\nThis is a bug in Stele, not in your site. Please \
             report it with the files that trigger it. The previous output was left as it was."
        );
    }));
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Serve { .. }) {
        keep_freed_memory();
    }
    // Every walk Stele makes is bounded (YAML and Fluent nesting, templates), and its
    // threads get stacks with room to spare for those bounds, also in debug builds.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build_global();
    let worker = std::thread::Builder::new()
        .name("stele".to_string())
        .stack_size(MAIN_STACK_BYTES)
        .spawn(move || run(cli));
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // The panic hook has said what happened.
        Ok(Err(_)) => ExitCode::from(101),
        Err(error) => {
            eprintln!("error: cannot start a thread: {error}");
            ExitCode::from(2)
        }
    }
}

/// Stack of the thread that runs the command, and of each worker thread.
const MAIN_STACK_BYTES: usize = 256 << 20;
const WORKER_STACK_BYTES: usize = 64 << 20;

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            site,
            out,
            strict,
            overrides,
        } => run_build(&site, out.as_deref(), strict, &overrides.into_overrides()),
        Command::Check {
            site,
            format,
            strict,
        } => run_check(&site, format, strict),
        Command::Status { site, format } => run_status(&site, format),
        Command::Review {
            locale,
            ids,
            pages,
            all,
            dry_run,
            site,
        } => run_review(
            &site,
            &locale,
            &ReviewChoice {
                ids,
                pages,
                all,
                dry_run,
            },
        ),
        Command::Serve {
            site,
            port,
            open,
            overrides,
        } => {
            let overrides = overrides.into_overrides();
            match stele::cli::serve::serve(stele::cli::serve::ServeOptions {
                site,
                port,
                open,
                overrides,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "stele", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Init { dir } => match stele::cli::init::init(&dir) {
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn run_check(site: &Path, format: Format, strict: bool) -> ExitCode {
    let mut problems = check_site(site);
    if strict {
        make_strict(&mut problems);
    }
    diagnostics::sort(&mut problems);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    match format {
        Format::Json => println!("{}", diagnostics::render_json(&problems)),
        Format::Human => {
            print_diagnostics(&mut problems, site);
            if errors + warnings == 0 {
                eprintln!("stele check: no problems found.");
            } else {
                eprintln!(
                    "stele check: {}, {}.",
                    plural(errors, "error", "errors"),
                    plural(warnings, "warning", "warnings")
                );
            }
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads a site for a command that needs it whole; prints why not otherwise.
fn load_site(site: &Path) -> Result<Site, ExitCode> {
    loaded_or_exit(Site::load(site), site)
}

/// The site loaded, or its errors printed and the exit code that says so.
fn loaded_or_exit(
    loaded: Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>>,
    site: &Path,
) -> Result<Site, ExitCode> {
    match loaded {
        Ok((loaded, _)) => Ok(loaded),
        Err(mut problems) => {
            print_diagnostics(&mut problems, site);
            eprintln!(
                "error: the site does not load; fix the errors above first (`stele check` lists them)."
            );
            Err(ExitCode::from(1))
        }
    }
}

fn run_status(site: &Path, format: Format) -> ExitCode {
    // The status counts the QA's findings: their word lists compile while the site loads.
    let loaded = match loaded_or_exit(stele::pipeline::load_for_checks(site), site) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let statuses = stele::output::status::of_site(&loaded);
    match format {
        Format::Json => println!("{}", stele::output::status::render_json(&statuses)),
        Format::Human => print!("{}", stele::output::status::render_table(&statuses)),
    }
    ExitCode::SUCCESS
}

/// What `stele review` was asked to seal.
struct ReviewChoice {
    ids: Vec<String>,
    pages: Vec<String>,
    all: bool,
    dry_run: bool,
}

fn run_review(site: &Path, tag: &str, choice: &ReviewChoice) -> ExitCode {
    if !choice.all && choice.ids.is_empty() && choice.pages.is_empty() {
        eprintln!(
            "error: name what you reviewed: message ids, `--page PAGE`, or `--all` for every translation of `{tag}`\n\
             help: `stele check` lists the unreviewed, stale and changed translations with their ids"
        );
        return ExitCode::from(2);
    }
    let loaded = match load_site(site) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let source_tag = loaded.locales.source().tag.clone();
    if tag == source_tag {
        eprintln!(
            "error: `{tag}` is the source locale; only translations are reviewed against it. Name a translated locale: {}",
            translated_tags(&loaded)
        );
        return ExitCode::from(2);
    }
    let Some(locale) = loaded.locales.get(tag) else {
        eprintln!(
            "error: there is no locale `{tag}` (no folder locales/{tag}/). Translated locales: {}",
            translated_tags(&loaded)
        );
        return ExitCode::from(2);
    };
    let mut next = loaded.locks.get(tag).cloned().unwrap_or_default();
    let mut stamped = match stele::check::review::record(
        &loaded.locales,
        locale,
        &mut next,
        &choice.ids,
        choice.all,
    ) {
        Ok(stamped) => stamped,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match stele::check::pages::record(&loaded, tag, &mut next, &choice.pages, choice.all) {
        Ok(pages) => stamped.extend(pages),
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    }
    for stamp in &stamped {
        println!(
            "{}\n  {source_tag}: {}\n  {tag}: {}\n",
            stamp.unit, stamp.source, stamp.translation
        );
    }
    let path = lock_path(tag);
    let what = plural(stamped.len(), "translation unit", "translation units");
    if choice.dry_run {
        println!(
            "Would seal {what} as reviewed in {}; nothing written (--dry-run).",
            path.display()
        );
        return ExitCode::SUCCESS;
    }
    if let Err(error) = std::fs::write(site.join(&path), next.render(tag, &source_tag)) {
        eprintln!("error: cannot write {}: {error}", path.display());
        return ExitCode::from(2);
    }
    println!(
        "Sealed {what} as reviewed against the current `{source_tag}` text in {}.",
        path.display()
    );
    ExitCode::SUCCESS
}

fn translated_tags(site: &Site) -> String {
    site.locales
        .list
        .iter()
        .skip(1)
        .map(|l| l.tag.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// One line for the warnings of the checks: how many of each kind, not each one.
fn print_check_summary(counts: &BTreeMap<Code, usize>) {
    if counts.is_empty() {
        return;
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(code, count)| format!("{count} {code}"))
        .collect();
    eprintln!(
        "warning: the checks found {}; run `stele check` to see each one.\n",
        parts.join(", ")
    );
}

fn run_build(site: &Path, out: Option<&Path>, strict: bool, overrides: &Overrides) -> ExitCode {
    match build_keeping(site, out, strict, overrides) {
        Ok((mut report, leftovers)) => {
            // The process ends in a moment and the kernel takes its memory back at once.
            std::mem::forget(leftovers);
            print_diagnostics(&mut report.warnings, site);
            print_check_summary(&report.check_counts);
            print_fallbacks(&report);
            let outputs = report.pages * report.locales;
            let unchanged = if report.rendered < outputs {
                format!(", {} of {outputs} pages rendered", report.rendered)
            } else {
                String::new()
            };
            println!(
                "Built {} pages × {} locales ({} files{unchanged}) into {} in {:.2} s.",
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
        Err(BuildError::Site(problems)) => {
            let (mut errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
                problems.into_iter().partition(Diagnostic::is_error);
            print_diagnostics(&mut errors, site);
            print_check_summary(&diagnostics::count_by_code(&warnings));
            let errors = errors.len();
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
    // A locale showing a nearer locale of its chain (nl-BE showing nl) does so by design:
    // one line per locale says so; only text shown in the source language is a warning.
    let mut inherited: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for fallback in &report.fallbacks {
        if fallback.inherited {
            *inherited
                .entry((fallback.locale.as_str(), fallback.from.as_str()))
                .or_default() += 1;
        }
    }
    for ((locale, from), count) in &inherited {
        eprintln!(
            "note: {locale} shows {count} text{} from {from}, its fallback",
            if *count == 1 { "" } else { "s" }
        );
    }
    let fallbacks: Vec<&stele::render::Fallback> = report
        .fallbacks
        .iter()
        .filter(|fallback| !fallback.inherited)
        .collect();
    if fallbacks.is_empty() {
        return;
    }
    eprintln!(
        "warning: {} translation{} missing; these show the source text instead:",
        fallbacks.len(),
        if fallbacks.len() == 1 { " is" } else { "s are" }
    );
    let width = fallbacks
        .iter()
        .map(|f| f.id.chars().count())
        .max()
        .unwrap_or(0);
    for fallback in fallbacks {
        eprintln!(
            "  {:<8} {:<width$}  add to {}",
            fallback.locale,
            fallback.id,
            fallback.file.display()
        );
    }
    eprintln!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_we_set() {
        // mimalloc 3's default purge delay is 1000 ms (src/options.c); another option at
        // this index would have another default.
        let option = |value| unsafe { libmimalloc_sys::mi_option_get(value) };
        assert_eq!(option(MI_OPTION_PURGE_DELAY), 1000);
        keep_freed_memory();
        assert_eq!(option(MI_OPTION_PURGE_DELAY), -1);
        #[cfg(target_os = "linux")]
        assert_eq!(
            rustix::thread::transparent_huge_pages_are_disabled().ok(),
            Some(true)
        );
    }
}
