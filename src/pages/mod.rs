pub mod composition;
pub mod settings;
pub mod setup;
pub mod staff_detail;
pub mod staff_form;
pub mod staff_list;
