pub mod composition;
pub mod join;
pub mod settings;
pub mod setup;
pub mod staff_detail;
pub mod staff_form;
pub mod staff_list;
pub mod sync_settings;
