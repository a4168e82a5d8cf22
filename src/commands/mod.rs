//! One module per subcommand; each connects stages and holds no stage logic.

pub mod extract;
pub mod index;
pub mod query;
