//! PDF backend: the laid-out pages drawn with embedded subset fonts.
