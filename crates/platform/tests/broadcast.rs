//! BroadcastChannel between instances of one page in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use kenesh_platform::{Broadcast, Message};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits up to two seconds for `inbox` to hold `count` messages.
async fn wait_for(inbox: &Rc<RefCell<Vec<Message>>>, count: usize) {
    for _ in 0..100 {
        if inbox.borrow().len() >= count {
            return;
        }
        sleep(20).await;
    }
}

fn inbox() -> Rc<RefCell<Vec<Message>>> {
    Rc::default()
}

fn collect(inbox: &Rc<RefCell<Vec<Message>>>) -> impl FnMut(Message) + 'static {
    let inbox = inbox.clone();
    move |message| inbox.borrow_mut().push(message)
}

#[wasm_bindgen_test]
async fn a_message_reaches_the_other_instances_and_not_the_sender() {
    let name = "kenesh-test-broadcast";
    let sender = Broadcast::open(name).unwrap();
    let receiver = Broadcast::open(name).unwrap();
    let witness = Broadcast::open(name).unwrap();
    let elsewhere = Broadcast::open("kenesh-test-broadcast-other-space").unwrap();

    let (sent_box, received_box, witness_box, elsewhere_box) = (inbox(), inbox(), inbox(), inbox());
    let _own = sender.on_message(collect(&sent_box));
    let subscription = receiver.on_message(collect(&received_box));
    let _witness = witness.on_message(collect(&witness_box));
    let _elsewhere = elsewhere.on_message(collect(&elsewhere_box));

    let message = Message {
        doc: "people".into(),
        bytes: vec![0, 1, 2, 250, 255, 133, 111, 74, 131],
    };
    sender.post(&message).unwrap();
    wait_for(&received_box, 1).await;
    wait_for(&witness_box, 1).await;
    assert_eq!(*received_box.borrow(), vec![message.clone()]);
    assert_eq!(*witness_box.borrow(), vec![message.clone()]);
    assert!(sent_box.borrow().is_empty(), "the sender hears itself");
    assert!(elsewhere_box.borrow().is_empty(), "another space's channel");

    // Dropping the subscription stops delivery to it; the others still get messages.
    drop(subscription);
    let second = Message {
        doc: "structure".into(),
        bytes: Vec::new(),
    };
    sender.post(&second).unwrap();
    wait_for(&witness_box, 2).await;
    assert_eq!(*witness_box.borrow(), vec![message.clone(), second]);
    sleep(50).await;
    assert_eq!(received_box.borrow().len(), 1);
}

#[wasm_bindgen_test]
async fn messages_of_another_shape_are_ignored() {
    let name = "kenesh-test-broadcast-foreign";
    let receiver = Broadcast::open(name).unwrap();
    let received = inbox();
    let _subscription = receiver.on_message(collect(&received));

    let foreign = web_sys::BroadcastChannel::new(name).unwrap();
    foreign.post_message(&JsValue::from_str("hello")).unwrap();
    let object = js_sys::Object::new();
    js_sys::Reflect::set(&object, &"doc".into(), &"people".into()).unwrap();
    js_sys::Reflect::set(&object, &"bytes".into(), &"not bytes".into()).unwrap();
    foreign.post_message(&object).unwrap();

    let good = Broadcast::open(name).unwrap();
    let message = Message {
        doc: "people".into(),
        bytes: vec![9],
    };
    good.post(&message).unwrap();
    wait_for(&received, 1).await;
    sleep(50).await;
    assert_eq!(*received.borrow(), vec![message]);
    foreign.close();
}
