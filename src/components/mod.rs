pub mod attachments;
pub mod conflicts;
pub mod field;
pub mod lang_switch;
pub mod paged_list;
pub mod shell;
pub mod status_bar;
pub mod sync_status;
