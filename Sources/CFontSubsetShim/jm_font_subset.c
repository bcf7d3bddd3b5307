#include "jm_font_subset.h"
#include <stdlib.h>
#include <string.h>
#include <hb.h>
#include <hb-subset.h>
#include <pango/pango.h>

const void *jm_font_face(void *pango_font) {
    if (!pango_font) return NULL;
    hb_font_t *font = pango_font_get_hb_font((PangoFont *)pango_font);
    return font ? hb_font_get_face(font) : NULL;
}

char *jm_font_family(void *pango_font, int *weight, int *italic) {
    if (!pango_font) return NULL;
    PangoFontDescription *d = pango_font_describe((PangoFont *)pango_font);
    if (!d) return NULL;
    const char *family = pango_font_description_get_family(d);
    char *out = strdup(family ? family : "");
    if (weight) *weight = (int)pango_font_description_get_weight(d);
    if (italic) *italic = pango_font_description_get_style(d) != PANGO_STYLE_NORMAL;
    pango_font_description_free(d);
    return out;
}

uint8_t *jm_font_subset(const void *face, const uint32_t *unicodes, size_t unicode_count,
                        const uint32_t *glyphs, size_t glyph_count, size_t *length) {
    *length = 0;
    if (!face) return NULL;
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input) return NULL;
    hb_set_t *set = hb_subset_input_unicode_set(input);
    for (size_t i = 0; i < unicode_count; i++) hb_set_add(set, unicodes[i]);
    hb_set_t *gids = hb_subset_input_glyph_set(input);
    for (size_t i = 0; i < glyph_count; i++) hb_set_add(gids, glyphs[i]);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
    hb_face_t *subset = hb_subset_or_fail((hb_face_t *)face, input);
    hb_subset_input_destroy(input);
    if (!subset) return NULL;
    hb_blob_t *blob = hb_face_reference_blob(subset);
    unsigned int n = 0;
    const char *data = hb_blob_get_data(blob, &n);
    uint8_t *out = NULL;
    if (data && n > 0 && (out = malloc(n))) {
        memcpy(out, data, n);
        *length = n;
    }
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    return out;
}

void jm_free(void *pointer) { free(pointer); }
