//! Files sealed for the relay (#5): within a space the same file always seals to the same
//! envelope, so two devices that attach it upload one blob; another space or key gives an
//! unrelated envelope; what comes back from the relay opens only if it is exactly the
//! attached file; an attachment records the relay's id, and records written before that
//! field existed still read.

use kenesh_core::crypto::{BlobCipher, BlobError, SpaceId, SpaceKey};
use kenesh_core::generator::reference_library;
use kenesh_core::library::{Attachment, BlobId, LibraryDocument, MediaType};
use kenesh_core::{Date, DocKind, Document, EditContext};

const A: [u8; 16] = [0xa1; 16];
const B: [u8; 16] = [0xb2; 16];
const SPACE: SpaceId = SpaceId([0x5a; 16]);

fn key() -> SpaceKey {
    SpaceKey::from_bytes([0x42; 32])
}

/// Two different files' bytes, from the reference library (fixed seed).
fn files() -> (Vec<u8>, Vec<u8>) {
    let generated = reference_library(11, 6, &[], &[], Date::new(2026, 9, 1).unwrap(), &A);
    let mut texts: Vec<&String> = generated.texts.values().collect();
    texts.sort();
    assert!(texts.len() >= 2);
    (texts[0].as_bytes().to_vec(), texts[1].as_bytes().to_vec())
}

#[test]
fn the_same_file_seals_to_the_same_blob_on_two_devices_of_a_space() {
    let (one, two) = files();
    // Two devices: two ciphers made from the same space key.
    let device_a = BlobCipher::new(SPACE, &key());
    let device_b = BlobCipher::new(SPACE, &key());
    let a = device_a.seal(&one);
    let b = device_b.seal(&one);
    assert_eq!(a, b, "one file, one envelope, one relay blob");
    assert_eq!(a.plain, BlobId::of(&one));
    assert_eq!(
        a.sealed,
        BlobId::of(&a.bytes),
        "the relay's id is the envelope's SHA-256"
    );
    assert_ne!(a.sealed, a.plain);
    // The envelope hides the content.
    assert!(!a.bytes.windows(16).any(|w| w == &one[..16]));
    // Another file: another envelope, and not merely shifted (another nonce).
    let c = device_a.seal(&two);
    assert_ne!(c.sealed, a.sealed);
    assert_ne!(c.bytes[1..25], a.bytes[1..25]);
}

#[test]
fn another_space_or_key_gives_an_unrelated_blob_that_does_not_open_here() {
    let (one, _) = files();
    let here = BlobCipher::new(SPACE, &key());
    let other_space = BlobCipher::new(SpaceId([0x5b; 16]), &key());
    let other_key = BlobCipher::new(SPACE, &SpaceKey::from_bytes([0x43; 32]));
    let sealed = here.seal(&one);
    for other in [&other_space, &other_key] {
        let theirs = other.seal(&one);
        assert_ne!(theirs.sealed, sealed.sealed);
        assert_eq!(theirs.plain, sealed.plain);
        assert!(matches!(
            here.open(&theirs.plain, &theirs.sealed, &theirs.bytes),
            Err(BlobError::Crypto(_))
        ));
    }
}

#[test]
fn a_fetched_blob_opens_only_as_exactly_the_attached_file() {
    let (one, two) = files();
    let cipher = BlobCipher::new(SPACE, &key());
    let sealed = cipher.seal(&one);
    assert_eq!(
        cipher.open(&sealed.plain, &sealed.sealed, &sealed.bytes),
        Ok(one.clone())
    );
    // A changed byte: the relay id no longer matches.
    let mut tampered = sealed.bytes.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    assert_eq!(
        cipher.open(&sealed.plain, &sealed.sealed, &tampered),
        Err(BlobError::WrongEnvelope)
    );
    // Tampered and relabelled with its own hash: the envelope does not authenticate.
    assert!(matches!(
        cipher.open(&sealed.plain, &BlobId::of(&tampered), &tampered),
        Err(BlobError::Crypto(_))
    ));
    // A genuine blob of this space, but another file than the attachment names.
    let other = cipher.seal(&two);
    assert_eq!(
        cipher.open(&sealed.plain, &other.sealed, &other.bytes),
        Err(BlobError::WrongContent)
    );
    // Truncated.
    assert!(
        cipher
            .open(
                &sealed.plain,
                &BlobId::of(&sealed.bytes[..10]),
                &sealed.bytes[..10]
            )
            .is_err()
    );
}

#[test]
fn an_attachment_records_the_relay_id_and_old_records_still_read() {
    let (one, _) = files();
    let cipher = BlobCipher::new(SPACE, &key());
    let sealed = cipher.seal(&one);
    let file = Attachment::of_sealed("Буйрук №15.pdf", MediaType::Pdf, &sealed);
    assert_eq!(file.blob, sealed.plain);
    assert_eq!(file.sealed.as_ref(), Some(&sealed.sealed));
    assert_eq!(file.size, one.len() as u64);
    assert_eq!(file.file_name, "Буйрук №15.pdf");
    assert_eq!(file.media(), Some(MediaType::Pdf));
    // The same as the attachment made from the bytes, plus the relay id.
    let from_bytes = Attachment::new("Буйрук №15.pdf", MediaType::Pdf, &one);
    assert_eq!(
        Attachment {
            sealed: None,
            ..file.clone()
        },
        from_bytes
    );

    let ctx = EditContext { time_ms: 1 };
    let mut library = Document::new(DocKind::Library, &A);
    let mut doc = LibraryDocument {
        title: "Буйрук".into(),
        kind: "internal_order".into(),
        ..LibraryDocument::default()
    };
    assert!(doc.attach(file.clone()));
    assert!(!doc.attach(file.clone()), "the same file is attached once");
    library.put("d1", &doc, ctx).unwrap();
    // Another device reads the relay id from the synced record.
    let other = Document::from_bytes(DocKind::Library, &B, &library.save()).unwrap();
    let read: LibraryDocument = other.get("d1").unwrap().unwrap();
    assert_eq!(read.files, vec![file]);

    // A record written before attachments had `sealed` (as the generator still writes
    // them): the field reads as absent.
    let unsealed = Attachment::new("old.pdf", MediaType::Pdf, &one);
    let mut old = doc.clone();
    old.files = vec![unsealed];
    library.put("d2", &old, ctx).unwrap();
    let read: LibraryDocument = library.get("d2").unwrap().unwrap();
    assert_eq!(read.files[0].sealed, None);
}
