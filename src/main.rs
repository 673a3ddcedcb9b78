fn main() {
    for a in std::env::args().skip(1) {
        match posture::checklist::load_file(std::path::Path::new(&a)) {
            Ok(c) => println!("ok {}", c.id),
            Err(ds) => {
                for d in ds {
                    println!("{d}");
                }
            }
        }
    }
}
