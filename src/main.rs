//! Mounts the console; nothing else.

fn main() {
    switchboard::mount();
}
