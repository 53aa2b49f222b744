//! A Rust program using std on wasm32-wasi: arguments, environment, stdin,
//! files in a preopened directory, time and exit codes.
//!
//! Usage: rust_demo DIR EXIT_CODE. Reads lines from stdin and echoes them
//! upper-cased; works in DIR; exits with EXIT_CODE.

use std::fs::{self, OpenOptions};
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn files(dir: &Path) -> io::Result<()> {
    let sub = dir.join("rust/nested");
    fs::create_dir_all(&sub)?;
    fs::write(sub.join("a.txt"), "alpha\n")?;
    let mut f = OpenOptions::new().append(true).open(sub.join("a.txt"))?;
    f.write_all(b"beta\n")?;
    drop(f);
    println!("read: {:?}", fs::read_to_string(sub.join("a.txt"))?);
    let mut f = fs::File::open(sub.join("a.txt"))?;
    f.seek(SeekFrom::Start(6))?;
    let mut s = String::new();
    f.read_to_string(&mut s)?;
    println!("from 6: {:?}", s);
    println!("len: {}", fs::metadata(sub.join("a.txt"))?.len());
    fs::rename(sub.join("a.txt"), sub.join("b.txt"))?;
    fs::write(sub.join("c.txt"), "")?;
    let mut names: Vec<String> = fs::read_dir(&sub)?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    println!("dir: {:?}", names);
    println!("missing: {:?}", fs::read(sub.join("nope")).map_err(|e| e.kind()));
    println!("escape: {:?}", fs::read(dir.join("../etc/passwd")).map_err(|e| e.raw_os_error()));
    fs::remove_file(sub.join("c.txt"))?;
    fs::remove_dir_all(dir.join("rust/nested/../nested"))?;
    fs::write(dir.join("rust/done.txt"), "done by rust\n")?;
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args: {:?}", &args[1..]);
    println!("USER={:?}", std::env::var("USER").ok());
    for line in io::stdin().lock().lines() {
        println!("> {}", line.unwrap().to_uppercase());
    }
    if let Err(e) = files(Path::new(&args[1])) {
        println!("files failed: {}", e);
        std::process::exit(1);
    }
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    println!("after 2020: {}", since_epoch.as_secs() > 1_577_836_800);
    let start = Instant::now();
    std::thread::sleep(Duration::from_millis(20));
    println!("slept: {}", start.elapsed() >= Duration::from_millis(20));
    eprintln!("exiting with {}", args[2]);
    std::process::exit(args[2].parse().unwrap());
}
