//! Case 20: arbitrary bytes as an article file never make rotative panic.
