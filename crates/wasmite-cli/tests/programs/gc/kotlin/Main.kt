// A WASI command compiled by Kotlin/Wasm (WasmGC): classes, interfaces and
// virtual calls, data classes, generic collections, strings, lambdas, `when`,
// nullable types, a caught exception and an allocation-heavy binary-tree
// checksum. Deterministic: prints the same lines on every run.

interface Shape {
    val name: String
    fun area(): Double
    fun describe(): String = "$name with area ${fmt(area())}"
}

abstract class Polygon(override val name: String, val sides: Int) : Shape {
    open fun perimeter(): Double = 0.0
    override fun describe(): String = super.describe() + ", $sides sides, perimeter ${fmt(perimeter())}"
}

class Rect(val w: Double, val h: Double) : Polygon("rect", 4) {
    override fun area() = w * h
    override fun perimeter() = 2 * (w + h)
}

class Square(side: Double) : Polygon("square", 4) {
    private val r = Rect(side, side)
    override fun area() = r.area()
    override fun perimeter() = r.perimeter()
}

class Triangle(val a: Double, val b: Double, val c: Double) : Polygon("triangle", 3) {
    override fun area(): Double {
        val s = (a + b + c) / 2
        return kotlin.math.sqrt(s * (s - a) * (s - b) * (s - c))
    }
    override fun perimeter() = a + b + c
}

class Circle(val r: Double) : Shape {
    override val name = "circle"
    override fun area() = 3.0 * r * r // a rational pi keeps the digits exact
}

/** Fixed-point formatting with two decimals, without platform formatting. */
fun fmt(x: Double): String {
    val neg = x < 0
    val cents = kotlin.math.round(kotlin.math.abs(x) * 100).toLong()
    val frac = (cents % 100).toString().padStart(2, '0')
    return (if (neg) "-" else "") + (cents / 100) + "." + frac
}

data class Point(val x: Int, val y: Int) {
    operator fun plus(o: Point) = Point(x + o.x, y + o.y)
}

data class Employee(val name: String, val dept: String, val salary: Int, val manager: String?)

sealed class Expr {
    data class Num(val v: Int) : Expr()
    data class Add(val l: Expr, val r: Expr) : Expr()
    data class Mul(val l: Expr, val r: Expr) : Expr()
    data class Div(val l: Expr, val r: Expr) : Expr()
}

fun eval(e: Expr): Int = when (e) {
    is Expr.Num -> e.v
    is Expr.Add -> eval(e.l) + eval(e.r)
    is Expr.Mul -> eval(e.l) * eval(e.r)
    is Expr.Div -> {
        val d = eval(e.r)
        if (d == 0) throw IllegalStateException("division by zero in $e")
        eval(e.l) / d
    }
}

fun classify(n: Int): String = when {
    n < 0 -> "negative"
    n == 0 -> "zero"
    n % 15 == 0 -> "fizzbuzz"
    n % 5 == 0 -> "buzz"
    n % 3 == 0 -> "fizz"
    else -> "plain"
}

class Node(val left: Node?, val right: Node?)

fun bottomUp(depth: Int): Node =
    if (depth <= 0) Node(null, null) else Node(bottomUp(depth - 1), bottomUp(depth - 1))

fun Node.check(): Int = 1 + (left?.check() ?: 0) + (right?.check() ?: 0)

fun <T, R> applyTwice(x: T, f: (T) -> T, g: (T) -> R): R = g(f(f(x)))

fun main() {
    println("== shapes")
    val shapes: List<Shape> = listOf(Rect(3.0, 4.5), Square(2.5), Triangle(3.0, 4.0, 5.0), Circle(2.0))
    for (s in shapes) println(s.describe())
    val total = shapes.sumOf { it.area() }
    println("total area ${fmt(total)}, largest ${shapes.maxByOrNull { it.area() }?.name}")
    val polys = shapes.filterIsInstance<Polygon>()
    println("polygons: ${polys.joinToString { it.name }}; sides ${polys.sumOf { it.sides }}")

    println("== data classes")
    val p = Point(1, 2) + Point(10, 20)
    val q = p.copy(y = -5)
    println("$p $q equal=${p == Point(11, 22)} hash-equal=${p.hashCode() == Point(11, 22).hashCode()}")
    val (qx, qy) = q
    println("destructured x=$qx y=$qy")

    println("== collections")
    val staff = arrayListOf(
        Employee("Ada", "eng", 120, null),
        Employee("Bob", "eng", 95, "Ada"),
        Employee("Cy", "ops", 70, "Ada"),
        Employee("Di", "ops", 82, "Cy"),
        Employee("Eve", "sales", 64, null),
    )
    val byDept = HashMap<String, MutableList<Employee>>()
    for (e in staff) byDept.getOrPut(e.dept) { ArrayList() }.add(e)
    for (dept in byDept.keys.sorted()) {
        val es = byDept[dept]!!
        println("$dept: ${es.map { it.name }} total=${es.sumOf { it.salary }} avg=${fmt(es.map { it.salary }.average())}")
    }
    val managers = staff.mapNotNull { it.manager }.groupingBy { it }.eachCount().toList().sortedBy { it.first }
    println("reports: $managers")
    println("no manager: ${staff.filter { it.manager == null }.map { it.name }}")
    val lengths = staff.associate { it.name to it.name.length }
    println("name lengths: ${lengths.entries.sortedBy { it.key }.joinToString(" ") { "${it.key}=${it.value}" }}")

    println("== strings")
    val sb = StringBuilder()
    for (i in 1..5) sb.append(i).append(if (i < 5) "," else "!")
    println(sb.toString() + " reversed: " + sb.reverse())
    val text = "the quick brown fox jumps over the lazy dog the end"
    val freq = text.split(' ').groupBy { it }.mapValues { it.value.size }.filter { it.value > 1 }
    println("repeated words: $freq")
    println("upper=${"wasm gc".uppercase()} padded=[${"42".padStart(5, '0')}] chars=${text.count { it == 'o' }}")
    println("unicode: ${"héllo wörld ✓".length} chars, ${"héllo wörld ✓".encodeToByteArray().size} utf-8 bytes")

    println("== lambdas")
    val adders = (1..3).map { n -> { x: Int -> x + n } }
    println("adders: ${adders.map { it(10) }}")
    println("applyTwice: ${applyTwice(3, { it * it }, { "<$it>" })}")
    val fizz = (0..15).map(::classify).withIndex().filter { it.value != "plain" }.map { "${it.index}:${it.value}" }
    println("classify: $fizz")
    var counter = 0
    val inc: () -> Int = { counter += 7; counter }
    repeat(4) { inc() }
    println("closure counter=$counter, fold=${(1..10).fold(1L) { acc, i -> acc * i }}")

    println("== nullable")
    val maybe: List<String?> = listOf("a", null, "ccc", null, "ee")
    println("lengths ${maybe.map { it?.length ?: -1 }} non-null ${maybe.filterNotNull().size}")
    val first: String? = maybe.firstOrNull { it != null && it.length > 2 }
    println("first long: ${first?.uppercase() ?: "none"}, missing: ${maybe.firstOrNull { (it?.length ?: 0) > 9 } ?: "none"}")

    println("== exceptions")
    val exprs = listOf(
        Expr.Add(Expr.Num(2), Expr.Mul(Expr.Num(3), Expr.Num(4))),
        Expr.Div(Expr.Num(10), Expr.Add(Expr.Num(1), Expr.Num(-1))),
        Expr.Div(Expr.Num(100), Expr.Num(7)),
    )
    for ((i, e) in exprs.withIndex()) {
        val result = try {
            "= ${eval(e)}"
        } catch (ex: IllegalStateException) {
            "caught ${ex::class.simpleName}: ${ex.message}"
        } finally {
            counter++
        }
        println("expr $i $result")
    }
    val parsed = listOf("12", "x7", "-3").map { s ->
        try { s.toInt() } catch (ex: NumberFormatException) { null }
    }
    println("parsed $parsed, finally ran ${counter - 28} times")

    println("== trees")
    val maxDepth = 12
    val longLived = bottomUp(maxDepth)
    var checksum = 0L
    var d = 4
    while (d <= maxDepth) {
        val iterations = 1 shl (maxDepth - d + 4)
        var check = 0
        for (i in 1..iterations) check += bottomUp(d).check()
        println("$iterations trees of depth $d check $check")
        checksum = checksum * 31 + check
        d += 2
    }
    println("long lived tree of depth $maxDepth check ${longLived.check()}")
    println("checksum $checksum")
}
