fn main() {
    println!("huibao");
}
