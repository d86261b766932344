//! PDF's standard security handler (PDF 1.7 § 7.6.3, ISO 32000-2 § 7.6.4) with the empty
//! user password: the files that open in any reader without asking, often orders sent with
//! printing or copying restricted by an owner password. RC4 of 40 to 128 bits, AES-128 and
//! AES-256. A file that asks for a user password cannot be read here.

use aes::cipher::{BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use md5::{Digest, Md5};
use sha2::{Sha256, Sha384, Sha512};

/// The padding string that stands for an empty password (Algorithm 2, step a).
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// How the streams of a file are encrypted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Method {
    Rc4,
    Aes128,
    Aes256,
    /// Not encrypted (a crypt filter `/Identity` or `/None`).
    Identity,
}

/// What the `/Encrypt` dictionary and the file's first `/ID` string say.
pub(super) struct Params<'a> {
    /// `/R`: 2 to 6.
    pub revision: u32,
    /// `/Length` in bits (RC4), 40 when absent.
    pub length_bits: u32,
    pub owner: &'a [u8],
    pub user: &'a [u8],
    /// `/UE`, for revision 6.
    pub user_key: &'a [u8],
    pub permissions: i32,
    pub encrypt_metadata: bool,
    pub id: &'a [u8],
    pub streams: Method,
}

/// The key of a file opened with the empty user password.
pub(super) struct Crypt {
    key: Vec<u8>,
    method: Method,
}

impl Crypt {
    /// `None` when the empty password does not open the file (a user password is set) or
    /// the parameters are not the standard handler's.
    pub(super) fn open(p: &Params) -> Option<Crypt> {
        let key = match p.revision {
            2..=4 => legacy_key(p)?,
            5 | 6 => aes256_key(p)?,
            _ => return None,
        };
        Some(Crypt {
            key,
            method: p.streams,
        })
    }

    /// The data of stream object `num` (generation `generation`) decrypted; `None` when
    /// it cannot be (AES data that is not whole blocks).
    pub(super) fn stream(&self, num: u32, generation: u16, data: &[u8]) -> Option<Vec<u8>> {
        match self.method {
            Method::Identity => Some(data.to_vec()),
            Method::Rc4 => Some(rc4(&self.object_key(num, generation, false), data)),
            Method::Aes128 => aes_cbc_decrypt(&self.object_key(num, generation, true), data),
            Method::Aes256 => aes_cbc_decrypt(&self.key, data),
        }
    }

    /// Algorithm 1: the file key extended with the object's number and generation.
    fn object_key(&self, num: u32, generation: u16, aes: bool) -> Vec<u8> {
        let mut h = Md5::new();
        h.update(&self.key);
        h.update(&num.to_le_bytes()[..3]);
        h.update(generation.to_le_bytes());
        if aes {
            h.update(b"sAlT");
        }
        h.finalize()[..(self.key.len() + 5).min(16)].to_vec()
    }
}

/// Algorithm 2 with the empty password, checked against `/U` (Algorithms 4 and 5).
fn legacy_key(p: &Params) -> Option<Vec<u8>> {
    let n = match p.revision {
        2 => 5,
        _ => (p.length_bits / 8).clamp(5, 16) as usize,
    };
    let mut h = Md5::new();
    h.update(PAD);
    h.update(p.owner.get(..32)?);
    h.update(p.permissions.to_le_bytes());
    h.update(p.id);
    if p.revision >= 4 && !p.encrypt_metadata {
        h.update([0xff; 4]);
    }
    let mut digest = h.finalize().to_vec();
    if p.revision >= 3 {
        for _ in 0..50 {
            digest = Md5::digest(&digest[..n]).to_vec();
        }
    }
    let key = digest[..n].to_vec();
    let opens = match p.revision {
        2 => p.user.get(..32)? == rc4(&key, &PAD),
        _ => {
            let mut h = Md5::new();
            h.update(PAD);
            h.update(p.id);
            let mut x = rc4(&key, &h.finalize());
            for i in 1..=19u8 {
                let round: Vec<u8> = key.iter().map(|k| k ^ i).collect();
                x = rc4(&round, &x);
            }
            p.user.get(..16)? == x.as_slice()
        }
    };
    opens.then_some(key)
}

/// Algorithm 2.A with the empty password: checked against `/U`, the key from `/UE`.
fn aes256_key(p: &Params) -> Option<Vec<u8>> {
    let (hash, rest) = p.user.get(..48)?.split_at(32);
    let (check_salt, key_salt) = rest.split_at(8);
    if hash_2b(p.revision, check_salt) != hash {
        return None;
    }
    let wrapping = hash_2b(p.revision, key_salt);
    // CBC with a zero IV and no padding.
    let mut key = p.user_key.get(..32)?.to_vec();
    cbc_decrypt(&wrapping, &[0; 16], &mut key)?;
    Some(key)
}

/// Algorithm 2.B (revision 6; revision 5 is one SHA-256) of the empty password.
fn hash_2b(revision: u32, salt: &[u8]) -> Vec<u8> {
    let mut k = Sha256::digest(salt).to_vec();
    if revision == 5 {
        return k;
    }
    let mut round = 0u32;
    loop {
        let mut e = k.repeat(64);
        let aes = aes::Aes128::new_from_slice(&k[..16]).expect("16 bytes");
        let mut previous: [u8; 16] = k[16..32].try_into().expect("16 bytes");
        for block in e.chunks_mut(16) {
            block.iter_mut().zip(previous).for_each(|(b, p)| *b ^= p);
            aes.encrypt_block(block.try_into().expect("16 bytes"));
            previous.copy_from_slice(block);
        }
        let sum: u32 = e[..16].iter().map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => Sha256::digest(&e).to_vec(),
            1 => Sha384::digest(&e).to_vec(),
            _ => Sha512::digest(&e).to_vec(),
        };
        round += 1;
        let last = u32::from(*e.last().expect("64 rounds of data"));
        if round >= 64 && last <= round - 32 {
            break;
        }
    }
    k.truncate(32);
    k
}

/// AES-CBC as PDF stores it: a 16-byte IV, then the blocks, PKCS #5 padded.
fn aes_cbc_decrypt(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let (iv, body) = data.split_at_checked(16)?;
    if body.len() % 16 != 0 {
        return None;
    }
    let mut out = body.to_vec();
    cbc_decrypt(key, iv, &mut out)?;
    // Padding that does not check out is left: the filters after may still read the data.
    if let Some(&pad) = out.last()
        && (1..=16).contains(&pad)
        && out.len() >= pad as usize
        && out[out.len() - pad as usize..].iter().all(|&b| b == pad)
    {
        out.truncate(out.len() - pad as usize);
    }
    Some(out)
}

/// AES-CBC decryption of whole blocks in place: AES-128 or AES-256 by the key's length.
fn cbc_decrypt(key: &[u8], iv: &[u8], data: &mut [u8]) -> Option<()> {
    match key.len() {
        16 => cbc_decrypt_with(&aes::Aes128::new_from_slice(key).ok()?, iv, data),
        _ => cbc_decrypt_with(&aes::Aes256::new_from_slice(key).ok()?, iv, data),
    }
}

fn cbc_decrypt_with<C>(aes: &C, iv: &[u8], data: &mut [u8]) -> Option<()>
where
    C: BlockCipherDecrypt<BlockSize = aes::cipher::consts::U16>,
{
    let mut previous: [u8; 16] = iv.try_into().ok()?;
    for block in data.chunks_exact_mut(16) {
        let cipher: [u8; 16] = (&*block).try_into().ok()?;
        aes.decrypt_block(block.try_into().ok()?);
        block.iter_mut().zip(previous).for_each(|(b, p)| *b ^= p);
        previous = cipher;
    }
    Some(())
}

/// RC4 (its own inverse).
pub(super) fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[s[i as usize].wrapping_add(s[j as usize]) as usize]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    //! Known answers written by qpdf 11 (`qpdf --encrypt "" owner <bits>`, with
    //! `--show-encryption-key`) from a two-page file of `office::pdf`: each file's
    //! `/Encrypt` values and first `/ID`, the key qpdf reports, and the data of its stream
    //! object 8 (a page's content, deflated then encrypted).
    use super::*;
    use crate::office::deflate::inflate_zlib;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// Opens with the empty password, checks the key and reads object 8 back.
    fn opens(p: &Params, key: &str, object_8: &str) {
        let crypt = Crypt::open(p).expect("opens with the empty password");
        assert_eq!(crypt.key, hex(key));
        let content = crypt.stream(8, 0, &hex(object_8)).unwrap();
        let text = String::from_utf8(inflate_zlib(&content, 1 << 16).unwrap()).unwrap();
        assert!(
            text.starts_with("BT") && text.contains("/F1 12 Tf"),
            "{text}"
        );
    }

    const O_128: &str = "566fa873ee33c797cd3b904fdadf814afa34df9a38f6ed41b984e2c6da2aa6f5";

    fn legacy<'a>(revision: u32, user: &'a [u8], owner: &'a [u8], id: &'a [u8]) -> Params<'a> {
        Params {
            revision,
            length_bits: 128,
            owner,
            user,
            user_key: &[],
            permissions: -4,
            encrypt_metadata: true,
            id,
            streams: if revision == 4 {
                Method::Aes128
            } else {
                Method::Rc4
            },
        }
    }

    #[test]
    fn rc4_128_revision_3() {
        let (owner, id) = (hex(O_128), hex("9356a4ecf7e8d012ac960d3b9e73f255"));
        let user = hex("15922273ab831200c834fc6d54d3718a0122456a91bae5134273a6db134c87c4");
        opens(
            &legacy(3, &user, &owner, &id),
            "47d645b3725009a52df68226e05e166a",
            "75992300265aa94cc34c21d611c80955c45c3be2f9cd8070bf4aa81b7819aebc0b3f6190432bd8dd\
             e70794170dc9804041bfe2cc4cf1e4dc7fadde87f2f25123b40302804781020f0794e9710e3467a1\
             1bf3caee06918695",
        );
        // Another file's ID: the empty password does not open it.
        assert!(Crypt::open(&legacy(3, &user, &owner, &[0; 16])).is_none());
    }

    #[test]
    fn aes_128_revision_4() {
        let (owner, id) = (hex(O_128), hex("8710c54408c29dabee05e98dc1c2ccfe"));
        let user = hex("425047b2d857927015ac67a838bccd6b0122456a91bae5134273a6db134c87c4");
        opens(
            &legacy(4, &user, &owner, &id),
            "7eee3682597bce1fde1b4256f1965386",
            "de5751493aab303ce73dae145061a80566869cb2f61b021051645f1cc3aea018295a6884f359b13e\
             0f45c609ab10e9d0a117cf0e39f182c5fd09a96dd7f8be7f07b03388fff012ce295891fc7f4f7aaa\
             6699d7608b5728148bc4f7cfc1c6835e2a535720a5c85f03c70cb4b07ec9bd98",
        );
    }

    fn aes256<'a>(user: &'a [u8], user_key: &'a [u8]) -> Params<'a> {
        Params {
            revision: 6,
            length_bits: 256,
            owner: &[],
            user,
            user_key,
            permissions: -4,
            encrypt_metadata: true,
            id: &[],
            streams: Method::Aes256,
        }
    }

    #[test]
    fn aes_256_revision_6_and_a_user_password() {
        let user = hex(
            "1fe0f9698927c753b85daac6852e15421d953c095d9ad818f9e8b103c86dac03c0bb04fc3b9a4107\
             91623411ca4b18ab",
        );
        let user_key = hex("26717aa388d9c190d8ba4e624e4a5179cdfc1648d746c6b6ad9279cb63b16093");
        opens(
            &aes256(&user, &user_key),
            "2b31670738464200a9c381ca0b3c8f0bb14f27632b8e5a5eaca9e002aa152f94",
            "fc80bf82bee2ffcb2a607fa8bbd4de46b93d67b5ca212ff7a36d3ceb6102331858fe2ec8fe56ce97\
             d1f801e00433d770aa6561fcb0c2ea72a08491f95d87d96b42f0b927ca70a21d85c38adbee4f6a70\
             e281530efdfe9956ea3d0452eb734488e0ea3b46c37cf24afd48cc1ec47df145",
        );
        // The same file encrypted with the user password "secret": not opened.
        let locked = hex(
            "74b3d787dff3495c4e931ee0df4e71bccb0a19d177cb8970b0ffa3f6e403f9b6e2add9a8fe946d73\
             f55eccc0cfa8df95",
        );
        let locked_key = hex("49f22825aa2cd1382e605cee4635bb302c40f89c895471ba4ac35aca51bc7a95");
        assert!(Crypt::open(&aes256(&locked, &locked_key)).is_none());
    }

    #[test]
    fn damaged_parameters_and_data_are_refused_not_a_panic() {
        assert!(Crypt::open(&legacy(3, &[1; 5], &[2; 3], &[])).is_none());
        assert!(Crypt::open(&aes256(&[1; 20], &[])).is_none());
        let crypt = Crypt {
            key: vec![7; 16],
            method: Method::Aes128,
        };
        assert!(crypt.stream(1, 0, &[0; 20]).is_none(), "not whole blocks");
        assert!(crypt.stream(1, 0, &[0; 8]).is_none(), "shorter than the IV");
        assert_eq!(rc4(b"Key", b"Plaintext"), hex("bbf316e8d940af0ad3"));
    }
}
