//! Fonts: each role resolved to a font file (installed official fonts, free substitutes, built-in fonts).
