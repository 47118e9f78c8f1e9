//! The [`Engine`]: writes built reports in the requested formats, keeping what is costly to
//! load (fonts, compiled templates) for the next report of a batch.

use super::*;
use crate::diag::Code;
use crate::fonts::subset::Embedded;

/// Writes built reports. Holds what is costly to load — the fonts — so that a batch loads
/// them once; shareable across threads.
#[derive(Debug, Default)]
pub struct Engine {
    /// How fonts are looked up (built-in only, or installed first).
    pub font_options: FontOptions,
    /// Characters no font has become warnings (drawn with a fallback) instead of errors.
    pub allow_missing_glyphs: bool,
    /// Write PDF/A-2b (`--pdf-standard a-2b`; also `[report] pdf_standard = "a-2b"`).
    pub pdf_a2b: bool,
    /// Write OFD-A (`--ofd-a`; also `[report] ofd = "ofd-a"`).
    pub ofd_a: bool,
    /// Make a report's DOCX on a second thread while this one draws its PDF or OFD: for a
    /// single report, whose second core is otherwise idle (≈ 4 % less wall time for ≈ 8 % more
    /// CPU), not for a batch, whose render threads keep every core busy.
    pub docx_beside_drawing: bool,
    fonts: Mutex<Vec<FontEntry>>,
    templates: TemplateCache,
}

#[derive(Debug)]
pub(super) struct FontEntry {
    fonts: crate::style::Fonts,
    script: crate::zh::Script,
    set: Arc<FontSet>,
}

impl Engine {
    /// An engine with the given font options.
    pub fn new(font_options: FontOptions, allow_missing_glyphs: bool) -> Engine {
        Engine {
            font_options,
            allow_missing_glyphs,
            pdf_a2b: false,
            ofd_a: false,
            docx_beside_drawing: false,
            fonts: Mutex::new(Vec::new()),
            templates: TemplateCache::default(),
        }
    }

    /// [`build`] with each template compiled once per engine (for batches; watch mode uses
    /// [`build`], which rereads edited templates).
    pub fn build(&self, req: &Request) -> Result<Built, Diagnostics> {
        build_with(req, Some(&self.templates), None)
    }

    /// [`Engine::build`], with the report's fonts loaded ([`Engine::fonts`]) on a second
    /// thread from the moment its style and script are known, while the templates compile
    /// and render: for one report drawn as PDF or OFD, whose first need is those fonts
    /// (≈ 1 ms of the example's ≈ 15). A failed load is left for the drawing to report.
    pub fn build_loading_fonts(&self, req: &Request) -> Result<Built, Diagnostics> {
        std::thread::scope(|scope| {
            let load = |style: &crate::style::Style, script: crate::zh::Script| {
                let style = style.clone();
                // A thread that cannot start leaves the loading to the drawing.
                let _ = std::thread::Builder::new().spawn_scoped(scope, move || {
                    let _ = self.fonts(&style, script);
                });
            };
            build_with(req, Some(&self.templates), Some(&load))
        })
    }

    /// The fonts for a report's style and script, loaded once per engine.
    pub fn fonts(
        &self,
        style: &Style,
        script: crate::zh::Script,
    ) -> Result<Arc<FontSet>, Diagnostics> {
        let mut cache = self.fonts.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(e) = cache
            .iter()
            .find(|e| e.script == script && e.fonts == style.fonts)
        {
            return Ok(e.set.clone());
        }
        let set = Arc::new(FontSet::load(style, script, &self.font_options)?);
        cache.push(FontEntry {
            fonts: style.fonts.clone(),
            script,
            set: set.clone(),
        });
        Ok(set)
    }

    /// Layout rules of the GB/T 9704 frame that the layout could not meet as the standard
    /// prefers ([`crate::layout::frame::problems`]), as warnings at the line that wrote the
    /// element (the fact or template line behind it where it can be found).
    pub fn check_layout(&self, built: &Built) -> Result<Diagnostics, Diagnostics> {
        let fonts = self.fonts_for(built)?;
        let mut diags = Diagnostics::default();
        let lines = crate::provenance::lines(&built.rendered.text);
        for p in crate::layout::frame::problems(&built.doc, &built.style, fonts.as_ref()) {
            let mut d = Diagnostic::warning(p.code, p.text);
            // The markup line the block the layout names was written on.
            let line = built.block_lines.get(p.block).and_then(|&n| {
                let i = n.checked_sub(1)?;
                Some((i, lines.get(i)?.as_str()))
            });
            if let Some((i, line)) = line {
                match locate_line(line, &built.rendered.facts, &built.data, &built.template) {
                    Some((loc, fact)) => {
                        d = d.at(loc);
                        if let Some(f) = fact {
                            d = d.fact(f);
                        }
                    }
                    None => d = d.at(crate::markup::rendered_at(i + 1, line)),
                }
            }
            diags.push(d);
        }
        Ok(diags)
    }

    fn fonts_for(&self, built: &Built) -> Result<Arc<FontSet>, Diagnostics> {
        self.fonts(&built.style, built.script)
    }

    /// The geometry of every table of `built` (document order), measured with its fonts;
    /// an error for each table wider than the type area at its minimum widths, naming the
    /// table and its columns' minimums, at the template or fact line it came from.
    pub fn tables(&self, built: &Built) -> Result<Vec<TableGeometry>, Diagnostics> {
        let fonts = self.fonts_for(built)?;
        self.tables_with(built, &fonts)
    }

    /// [`Engine::tables`] measured with `fonts`.
    fn tables_with(
        &self,
        built: &Built,
        fonts: &FontSet,
    ) -> Result<Vec<TableGeometry>, Diagnostics> {
        let geometries = crate::layout::table_geometries(&built.doc, &built.style, fonts);
        let tables = built.doc.blocks.iter().filter_map(|b| match b {
            crate::model::Block::Table(t) => Some(t),
            _ => None,
        });
        let mut diags = Diagnostics::default();
        for (k, (t, g)) in tables.zip(&geometries).enumerate() {
            let Some(mins) = &g.too_wide else { continue };
            let name = match &t.caption {
                Some(c) => texts::table_captioned(c),
                None => texts::table_numbered(k + 1),
            };
            let columns: Vec<Text> = mins
                .iter()
                .enumerate()
                .map(|(c, mm)| texts::column_min(c + 1, mm))
                .collect();
            let total: f32 = mins.iter().sum();
            let width =
                built.style.page.width_mm - built.style.page.left_mm - built.style.page.right_mm;
            let mut d = Diagnostic::error(
                Code::TableWide,
                texts::table_too_wide(
                    name,
                    Text::join(&columns, &crate::diag::texts::common::list_sep()),
                    format!("{total:.1}"),
                    format!("{width:.1}"),
                ),
            );
            if let Some(line) = built.rendered.text.lines().nth(t.line.saturating_sub(1)) {
                match locate_line(line, &built.rendered.facts, &built.data, &built.template) {
                    Some((loc, _)) => d = d.at(loc),
                    None => d = d.at(crate::markup::rendered_at(t.line, line)),
                }
            }
            diags.push(d);
        }
        if diags.0.is_empty() {
            Ok(geometries)
        } else {
            Err(diags)
        }
    }

    /// Checks that every character of the document has a glyph in its role's fonts. A missing
    /// one is an error naming the character, the role, and the fact or template line it came
    /// from (a warning with `allow_missing_glyphs`).
    pub fn check_glyphs(&self, built: &Built) -> Result<Diagnostics, Diagnostics> {
        let fonts = self.fonts_for(built)?;
        let (mut diags, _) = self.missing_glyphs(built, &fonts);
        if let Err(wide) = self.tables(built) {
            diags.0.extend(wide.0);
        }
        Ok(diags)
    }

    /// The problems of [`Engine::check_glyphs`], and the characters no face of their role has.
    fn missing_glyphs(&self, built: &Built, fonts: &FontSet) -> (Diagnostics, Vec<char>) {
        let mut diags = Diagnostics::default();
        // The document's characters by role, gathered once for both questions.
        let chars = crate::fonts::role_chars(&built.doc);
        let missing = fonts.missing_among(&chars);
        // Where each character came from, read once for all of them (a report with a rare
        // name in every row of a sheet has hundreds).
        let traced = if missing.is_empty() {
            Vec::new()
        } else {
            crate::provenance::origins(&built.rendered.text)
        };
        let missing_chars = missing.iter().map(|&(c, _)| c).collect();
        for (ch, role) in missing {
            let role_name = crate::fonts::role_name(role);
            let message = texts::glyph_missing(ch, format!("U+{:04X}", ch as u32), role_name);
            let mut d = if self.allow_missing_glyphs {
                Diagnostic::warning(Code::WarnGlyph, message)
            } else {
                Diagnostic::error(Code::Glyph, message)
            };
            if let Some((fact, loc)) = locate_char(built, &traced, ch) {
                d = d.at(loc);
                if let Some(f) = fact {
                    d = d.fact(f);
                }
            }
            diags.push(d);
        }
        for (role, chars) in fonts.explicit_gaps(&chars) {
            let key = crate::typeset::role_key(role);
            let file = crate::typeset::font(&built.style, role)
                .file
                .clone()
                .unwrap_or_default();
            let shown: String = chars.iter().take(20).collect();
            let message = if chars.len() > 20 {
                texts::font_file_gaps_more(&file, key, shown, chars.len())
            } else {
                texts::font_file_gaps(&file, key, shown)
            };
            let mut d = if self.allow_missing_glyphs {
                Diagnostic::warning(Code::WarnFontFileGaps, message)
            } else {
                Diagnostic::error(Code::FontFileGaps, message)
            };
            if let Some(loc) = built.data.location(&format!("fonts.{key}.file")) {
                d = d.at(loc);
            }
            diags.push(d);
        }
        (diags, missing_chars)
    }

    /// Writes `built` in each of `formats` to `out_dir/STEM.EXT`, atomically. Nothing is
    /// written unless every format succeeds. Returns the written paths and any warnings.
    pub fn write(
        &self,
        built: &Built,
        formats: &[Format],
        out_dir: &Path,
    ) -> Result<Written, Diagnostics> {
        self.produce(built, formats, out_dir)?.write()
    }

    /// Makes the files [`Engine::write`] writes, without writing them.
    pub fn produce(
        &self,
        built: &Built,
        formats: &[Format],
        out_dir: &Path,
    ) -> Result<Produced, Diagnostics> {
        let mut outputs = Vec::new();
        let mut warnings = Diagnostics::default();
        // Fonts are loaded for the tables' geometry only when the document has a table. The
        // geometry is computed once, with the fonts the PDF draws with when a PDF or OFD is
        // written, and handed to the DOCX writer and the layout alike.
        let has_tables = built
            .doc
            .blocks
            .iter()
            .any(|b| matches!(b, crate::model::Block::Table(_)));
        let drawing = formats
            .iter()
            .any(|f| matches!(f, Format::Pdf | Format::Ofd));
        let fonts = if drawing {
            let (fonts, w) = self.drawing_fonts(built)?;
            warnings.0.extend(w.0);
            Some(fonts)
        } else {
            None
        };
        let tables = match &fonts {
            Some(fonts) if has_tables => self.tables_with(built, fonts)?,
            None if has_tables && formats.iter().any(|f| *f != Format::Txt) => {
                self.tables(built)?
            }
            _ => Vec::new(),
        };
        // PDF and OFD draw one layout with one set of subset fonts; the DOCX places its 版记
        // where that layout does.
        let laid: Option<Laid> = match &fonts {
            Some(fonts) => Some(self.lay_out(built, fonts, &tables)?),
            None => None,
        };
        // A DOCX without a PDF or OFD: its 版记 placed by the same layout, with the same fonts.
        let docx_pages = match &laid {
            None if formats.contains(&Format::Docx) => self.imprint_layout(built, &tables)?,
            _ => None,
        };
        // The DOCX, with the drawing's pages and metadata when there is one (else the 版记's
        // layout, and the metadata made here).
        let docx = |laid: Option<&Laid>| -> Result<Vec<u8>, Diagnostics> {
            let own;
            let meta = match laid {
                Some(l) => &l.meta,
                None => {
                    own = self.meta(built)?;
                    &own
                }
            };
            let pages = laid.map(|l| l.pages.as_slice()).or(docx_pages.as_deref());
            Ok(crate::docx::write_with_meta(
                &built.doc,
                &built.style,
                &tables,
                pages,
                meta,
            )?)
        };
        let mut embedded: Option<Embedded> = None;
        // The DOCX made beside the drawing, when it is asked for with a PDF or OFD: it needs
        // the layout only, so the fonts are subset while it is made.
        let mut docx_made = None;
        let mut drawings_made = Vec::new();
        let beside = laid.as_ref().zip(fonts.as_deref()).filter(|_| {
            self.docx_beside_drawing
                && formats.contains(&Format::Docx)
                && formats
                    .iter()
                    .any(|f| matches!(f, Format::Pdf | Format::Ofd))
        });
        if let Some((l, fonts)) = beside {
            let subset = std::thread::scope(|scope| {
                let beside = std::thread::Builder::new().spawn_scoped(scope, || docx(Some(l)));
                let subset = Embedded::new(&l.pages, fonts);
                if let Ok(e) = &subset {
                    for &f in formats
                        .iter()
                        .filter(|f| matches!(f, Format::Pdf | Format::Ofd))
                    {
                        drawings_made.push((f, self.drawing(built, l, e, f)));
                    }
                }
                // A thread that cannot start (or stopped) leaves the DOCX to the loop below.
                docx_made = beside.ok().and_then(|h| h.join().ok());
                subset
            });
            embedded = Some(subset?);
        }
        for &f in formats {
            let made = match f {
                Format::Docx => docx_made.take(),
                Format::Pdf | Format::Ofd => drawings_made
                    .iter()
                    .position(|(g, _)| *g == f)
                    .map(|i| drawings_made.swap_remove(i).1),
                Format::Txt => None,
            };
            let bytes = match (f, made) {
                (_, Some(bytes)) => bytes?,
                (Format::Txt, None) => crate::text::render(&built.doc).into_bytes(),
                (Format::Docx, None) => docx(laid.as_ref())?,
                (Format::Pdf | Format::Ofd, None) => {
                    // A PDF or OFD asked for has its fonts and layout (made above).
                    let (Some(l), Some(fonts)) = (&laid, &fonts) else {
                        continue;
                    };
                    if embedded.is_none() {
                        embedded = Some(Embedded::new(&l.pages, fonts)?);
                    }
                    let Some(e) = &embedded else { continue };
                    self.drawing(built, l, e, f)?
                }
            };
            outputs.push((out_dir.join(format!("{}.{}", built.stem, f.ext())), bytes));
        }
        Ok(Produced {
            files: outputs,
            inputs: built.inputs(),
            pages: laid.map(|l| l.pages.len()),
            warnings,
        })
    }

    /// The PDF (`f` = PDF) or the OFD of `built` laid out as `l`, with the subset fonts `e`.
    fn drawing(
        &self,
        built: &Built,
        l: &Laid,
        e: &Embedded,
        f: Format,
    ) -> Result<Vec<u8>, Diagnostics> {
        Ok(if f == Format::Pdf {
            crate::pdf::write_embedded(&l.pages, e, &built.style, &l.meta)?
        } else {
            crate::ofd::write(&l.pages, e, &built.style, &l.meta)?
        })
    }

    /// The pages a DOCX of `built` places its 版记 and the keeps before its signature by, when
    /// it has either: the layout with the report's fonts and the tables' geometry `tables`, as
    /// the PDF draws it. `None` without them (the DOCX needs no layout then).
    pub fn imprint_layout(
        &self,
        built: &Built,
        tables: &[TableGeometry],
    ) -> Result<Option<Vec<crate::layout::Page>>, Diagnostics> {
        if !built.doc.docx_needs_layout() {
            return Ok(None);
        }
        let fonts = self.fonts_for(built)?;
        Ok(Some(crate::layout::layout_with_tables(
            &built.doc,
            &built.style,
            fonts.as_ref(),
            tables,
        )))
    }

    /// Lays the document out and draws it as PDF bytes; returns them with the warnings about
    /// characters drawn with a fallback font.
    pub fn pdf(&self, built: &Built) -> Result<(Vec<u8>, Diagnostics), Diagnostics> {
        let (l, e, warnings) = self.draw(built)?;
        let bytes = crate::pdf::write_embedded(&l.pages, &e, &built.style, &l.meta)?;
        Ok((bytes, warnings))
    }

    /// Lays the document out and draws it as OFD bytes, like [`Engine::pdf`].
    pub fn ofd(&self, built: &Built) -> Result<(Vec<u8>, Diagnostics), Diagnostics> {
        let (l, e, warnings) = self.draw(built)?;
        let bytes = crate::ofd::write(&l.pages, &e, &built.style, &l.meta)?;
        Ok((bytes, warnings))
    }

    /// The document's metadata as the PDF, OFD and DOCX record it.
    pub fn meta(&self, built: &Built) -> Result<Meta, Diagnostics> {
        let title = built.doc.blocks.iter().find_map(|b| match b {
            crate::model::Block::Title { lines } => Some(lines.concat()),
            _ => None,
        });
        let subject = built.doc.blocks.iter().find_map(|b| match b {
            crate::model::Block::Subtitle { text } => Some(text.clone()),
            _ => None,
        });
        let outline = built
            .doc
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(block, b)| match b {
                crate::model::Block::Heading(h) => Some(crate::meta::OutlineItem {
                    level: h.level,
                    text: h.label_and_text(),
                    block,
                }),
                _ => None,
            })
            .collect();
        Ok(Meta {
            title,
            subject,
            outline,
            structure: crate::meta::Part::of(&built.doc),
            lang: crate::meta::lang_of(built.script).to_string(),
            date: document_timestamp(&built.settings)?,
            pdf_a2b: self.pdf_a2b || built.settings.pdf_standard.as_deref() == Some("a-2b"),
            ofd_a: self.ofd_a || built.settings.ofd.as_deref() == Some("ofd-a"),
        })
    }

    /// The fonts the PDF and OFD draw `built` with: the report's, plus fallback faces for the
    /// characters they lack when missing glyphs are allowed (the warnings about them returned);
    /// an error for each missing character otherwise.
    fn drawing_fonts(&self, built: &Built) -> Result<(Arc<FontSet>, Diagnostics), Diagnostics> {
        let shared = self.fonts_for(built)?;
        let (missing, chars) = self.missing_glyphs(built, &shared);
        if missing.has_errors() {
            return Err(missing);
        }
        if chars.is_empty() {
            return Ok((shared, missing));
        }
        let mut f = (*shared).clone();
        f.add_fallback(&chars);
        Ok((Arc::new(f), missing))
    }

    /// Lays the document out and subsets its fonts, for the PDF and OFD writers.
    fn draw(&self, built: &Built) -> Result<(Laid, Embedded, Diagnostics), Diagnostics> {
        let (fonts, missing) = self.drawing_fonts(built)?;
        let tables = crate::layout::table_geometries(&built.doc, &built.style, &*fonts);
        let laid = self.lay_out(built, &fonts, &tables)?;
        let embedded = Embedded::new(&laid.pages, &fonts)?;
        Ok((laid, embedded, missing))
    }

    /// Lays the document out with `fonts` and the tables' geometry `tables` (computed once, see
    /// [`Engine::write`]), with its metadata.
    fn lay_out(
        &self,
        built: &Built,
        fonts: &FontSet,
        tables: &[TableGeometry],
    ) -> Result<Laid, Diagnostics> {
        Ok(Laid {
            pages: crate::layout::layout_with_tables(&built.doc, &built.style, fonts, tables),
            meta: self.meta(built)?,
        })
    }
}

/// A document laid out, with its metadata: what the PDF and OFD writers draw (with the subset
/// fonts, [`Embedded`]) and what the DOCX takes from them.
pub(super) struct Laid {
    pages: Vec<crate::layout::Page>,
    meta: Meta,
}
