//! `tarjama demo`: the whole pipeline on the bundled seed pair — the Arabic rewrite of the
//! U.S.–Iraq Joint Security Cooperation Dialogue statement (August 2023) and its English source.

use crate::export::report::{self, Rtl};
use crate::segment;
use crate::store::{NewDocument, Workspace};
use crate::text::Lang;
use std::io::Write;
use std::path::Path;

const SEED_ARTICLE: &str = include_str!("../../seeds/000_6ca39d9e9a070d2d.txt");
const SEED_SOURCE: &str = include_str!("../../corpora/jscd-2023/en.txt");

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama demo
  tarjama demo --rtl app                 (if Arabic shows reversed in your terminal)
  tarjama --db /tmp/try.db demo

The demo workspace is ./tarjama-demo.db unless --db names another; TARJAMA_DB is ignored, so
the demo never adds its seed pair to your own workspace. It is reused if it exists. Explore it
afterwards with `tarjama --db tarjama-demo.db show 1`.")]
pub struct Args {
    /// How to show Arabic: `terminal` if your terminal does bidi, `app` if it does not.
    #[arg(long, value_enum, default_value_t = Rtl::Terminal)]
    pub rtl: Rtl,
    /// Do not use the system's FreeDict dictionaries even when installed.
    #[arg(long, env = "TARJAMA_NO_SYSTEM_LEXICON", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_system_lexicon: bool,
    #[command(flatten)]
    pub model: super::ModelArgs,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let encoder = a.model.load()?;
    let (mut ws, _) = Workspace::create(db)?;
    let (pair, used) = ws.write(|tx| {
        let (source, _) = crate::pair::index::add_document(
            tx,
            &NewDocument {
                lang: Lang::En,
                title: Some("Joint Statement on the U.S.-Iraq Joint Security Cooperation Dialogue"),
                date: Some("2023-08-08"),
                url: None,
                outlet: Some("U.S. Department of Defense"),
                origin: "bundled: corpora/jscd-2023/en.txt",
                raw_text: SEED_SOURCE,
                sentences: &segment::segment(SEED_SOURCE, Lang::En),
            },
            &|| {},
        )?;
        let (article, _) = crate::pair::index::add_document(
            tx,
            &NewDocument {
                lang: Lang::Ar,
                title: Some("«شماعة داعش» — Arabic rewrite of the JSCD statement"),
                date: Some("2023-08-08"),
                url: None,
                outlet: Some("Alsaymar"),
                origin: "bundled: seeds/000_6ca39d9e9a070d2d.txt",
                raw_text: SEED_ARTICLE,
                sentences: &segment::segment(SEED_ARTICLE, Lang::Ar),
            },
            &|| {},
        )?;
        let (pair, _) = tx.add_pair(article, source, "manual", None)?;
        let (lexicon, used) = super::lexicons::of_workspace(tx, a.no_system_lexicon)?;
        super::align::align_pair(
            tx,
            pair,
            crate::pipeline::Resources {
                lexicon: &lexicon,
                encoder: encoder.as_ref(),
            },
        )?;
        Ok((pair, used))
    })?;
    let (analysis, title) =
        ws.read(|tx| Ok((tx.analysis(pair, false)?, super::pair_title(tx, pair)?)))?;
    let mut out = super::stdout();
    report::text(&analysis, &title, super::colour_enabled(), a.rtl, &mut out)
        .map_err(crate::Error::Output)?;
    writeln!(
        out,
        "\nWorkspace: {db}. Next: `tarjama --db {db} report {pair} --format html --out report.html`,\n`tarjama --db {db} export --format tsv`.",
        db = db.display()
    )
    .map_err(crate::Error::Output)?;
    out.flush().map_err(crate::Error::Output)?;
    eprintln!("{used}");
    Ok(())
}
