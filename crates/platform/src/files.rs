//! Files the person saves or picks: downloading bytes as a file, reading the file chosen in
//! an `<input type=file>`, and copying text to the clipboard.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::error::describe_js;

/// Offers `bytes` as a download named `file_name`.
pub fn download(file_name: &str, bytes: &[u8]) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| describe_js(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe_js(&e))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| describe_js(&e))?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The download has started by the time this runs; the URL is freed after it.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// The bytes of the first file chosen in `input` (an `<input type=file>`), or `None` when
/// none is chosen.
pub async fn chosen_file(input: &JsValue) -> Result<Option<Vec<u8>>, String> {
    let files = Reflect::get(input, &"files".into()).map_err(|e| describe_js(&e))?;
    if files.is_undefined() || files.is_null() {
        return Ok(None);
    }
    let file = Reflect::get(&files, &JsValue::from(0)).map_err(|e| describe_js(&e))?;
    if file.is_undefined() || file.is_null() {
        return Ok(None);
    }
    let file: web_sys::Blob = file.unchecked_into();
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| describe_js(&e))?;
    Ok(Some(Uint8Array::new(&buffer).to_vec()))
}

/// Copies `text` to the clipboard (`navigator.clipboard.writeText`).
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let clipboard =
        Reflect::get(&window.navigator(), &"clipboard".into()).map_err(|e| describe_js(&e))?;
    let write = Reflect::get(&clipboard, &"writeText".into())
        .map_err(|e| describe_js(&e))?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| "no clipboard".to_string())?;
    let promise: Promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .map_err(|e| describe_js(&e))?
        .unchecked_into();
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| describe_js(&e))
}

/// The first file chosen in an `<input type=file>`, not read yet: its name, the type the
/// browser declared and its size, so a caller can refuse it before reading it.
#[derive(Debug, Clone)]
pub struct PickedFile {
    pub name: String,
    pub mime: String,
    pub size: u64,
    file: web_sys::Blob,
}

/// The first file chosen in `input`, or `None` when none is chosen.
pub fn picked_file(input: &JsValue) -> Option<PickedFile> {
    let files = Reflect::get(input, &"files".into()).ok()?;
    if files.is_undefined() || files.is_null() {
        return None;
    }
    let file = Reflect::get(&files, &JsValue::from(0)).ok()?;
    if file.is_undefined() || file.is_null() {
        return None;
    }
    let name = Reflect::get(&file, &"name".into()).ok()?.as_string()?;
    let file: web_sys::Blob = file.unchecked_into();
    Some(PickedFile {
        name,
        mime: file.type_(),
        size: file.size() as u64,
        file,
    })
}

impl PickedFile {
    /// Reads the file's bytes; fails (`NotReadableError`, …) when the file changed or went
    /// away since it was chosen.
    pub async fn read(&self) -> Result<Vec<u8>, String> {
        let buffer = JsFuture::from(self.file.array_buffer())
            .await
            .map_err(|e| describe_js(&e))?;
        Ok(Uint8Array::new(&buffer).to_vec())
    }
}

/// An object URL for bytes of a MIME type (for an `<iframe>` or `<img>`), revoked when
/// dropped.
#[derive(Debug, PartialEq, Eq)]
pub struct ObjectUrl(String);

impl ObjectUrl {
    pub fn new(bytes: &[u8], mime: &str) -> Result<ObjectUrl, String> {
        let parts = Array::of1(&Uint8Array::from(bytes));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
            .map_err(|e| describe_js(&e))?;
        web_sys::Url::create_object_url_with_blob(&blob)
            .map(ObjectUrl)
            .map_err(|e| describe_js(&e))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for ObjectUrl {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.0);
    }
}
