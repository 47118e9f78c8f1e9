//! DOCX backend: the document model written as a GB/T 9704 Word document.
