//! Bringing an archive in: other generators' front matter read as it is
//! (`frontmatter`), and `rotative import` from Jekyll, Hugo and WordPress.

mod frontmatter;
