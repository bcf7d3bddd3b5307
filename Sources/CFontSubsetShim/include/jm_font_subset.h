#ifndef JM_FONT_SUBSET_H
#define JM_FONT_SUBSET_H
// A thin wrapper over HarfBuzz's subsetter (hb-subset) for the semantic SVG writer: the font
// file behind a Pango font, cut down to the characters a picture shows, so the SVG can embed
// it as an @font-face data URI and the viewer shapes the text with the very glyphs Pango used.
//
// Fonts are passed as `void *` (a `PangoFont *`) so that Swift sees one plain pointer type
// whichever module imported Pango first. Every function is prefixed `jm_`.
#include <stddef.h>
#include <stdint.h>

/// The HarfBuzz face (`hb_face_t *`) of a `PangoFont *`, or NULL. Not referenced: it lives as
/// long as the font (Pango's font map caches one face per font file and index).
const void *jm_font_face(void *pango_font);

/// The family name Pango reports for the font ("DejaVu Sans", "Noto Sans Thai"), its CSS weight
/// (100…900) and whether it is italic or oblique. Returns a malloc'd string (free with
/// `jm_free`), NULL when the font has no description.
char *jm_font_family(void *pango_font, int *weight, int *italic);

/// The face cut down to `unicodes` (and everything GSUB can reach from them: ligatures, Thai
/// mark forms) plus `glyphs` (the glyph ids Pango drew, in case a substitution reached one the
/// closure missed), hinting dropped. Returns a malloc'd TrueType/OpenType file and sets
/// `*length`; NULL when HarfBuzz cannot subset the face (the writer then embeds nothing and
/// the viewer falls back to the installed family).
uint8_t *jm_font_subset(const void *face, const uint32_t *unicodes, size_t unicode_count,
                        const uint32_t *glyphs, size_t glyph_count, size_t *length);

/// Frees what `jm_font_family` and `jm_font_subset` returned.
void jm_free(void *pointer);

#endif
