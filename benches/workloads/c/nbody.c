/* N-body: five bodies (a sun and four planets, in solar units) integrated
 * with a symplectic Euler step. f64 add/mul/div/sqrt on struct fields. */
#include "bench.h"

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define N 5
#define STEPS 200000

typedef struct {
    double x, y, z, vx, vy, vz, mass;
} body;

static body bodies[N];

static void setup(void) {
    /* A sun and four planets on circular orbits at roughly the radii (AU) and
     * masses (solar masses) of the outer planets; directions are Pythagorean
     * unit vectors so no trigonometry is needed. */
    static const double radius[N] = {0, 5.2, 9.6, 19.2, 30.1};
    static const double mass[N] = {1, 9.55e-4, 2.86e-4, 4.37e-5, 5.15e-5};
    static const double dir[N][2] = {{0, 0}, {0.6, 0.8}, {-0.8, 0.6}, {0.28, -0.96}, {-0.96, -0.28}};
    static const double tilt[N] = {0, 0.01, -0.02, 0.005, 0.03};
    for (int i = 0; i < N; i++) {
        body *b = &bodies[i];
        double r = radius[i];
        b->x = dir[i][0] * r;
        b->y = dir[i][1] * r;
        b->z = tilt[i] * r;
        /* circular speed sqrt(GM/r), perpendicular to the radius */
        double v = r > 0 ? __builtin_sqrt(SOLAR_MASS / r) : 0;
        b->vx = -dir[i][1] * v;
        b->vy = dir[i][0] * v;
        b->vz = 0;
        b->mass = mass[i] * SOLAR_MASS;
    }
    /* Give the sun the momentum that makes the total zero. */
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < N; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void) {
    double e = 0;
    for (int i = 0; i < N; i++) {
        body *a = &bodies[i];
        e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (int j = i + 1; j < N; j++) {
            body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            e -= a->mass * b->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(double dt) {
    for (int i = 0; i < N; i++) {
        body *a = &bodies[i];
        for (int j = i + 1; j < N; j++) {
            body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            a->vx -= dx * b->mass * mag;
            a->vy -= dy * b->mass * mag;
            a->vz -= dz * b->mass * mag;
            b->vx += dx * a->mass * mag;
            b->vy += dy * a->mass * mag;
            b->vz += dz * a->mass * mag;
        }
    }
    for (int i = 0; i < N; i++) {
        body *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

static u64 bits(double d) {
    union { double d; u64 u; } c = {d};
    return c.u;
}

EXPORT("run") u64 run(void) {
    setup();
    u64 h = mix64(MIX_INIT, bits(energy()));
    for (int s = 0; s < STEPS; s++) advance(0.01);
    h = mix64(h, bits(energy()));
    for (int i = 0; i < N; i++) h = mix64(h, bits(bodies[i].x));
    return h;
}
