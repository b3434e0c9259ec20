package org.hpofarm.sim.model;

import ai.djl.Device;
import org.hpofarm.sim.geometry.Geometry;

/**
 * What a model is built for: the geometry, the map to network space, the device and the seed.
 *
 * @param geometry voxel geometry of the showers
 * @param scale voxel and condition scaling
 * @param device CPU or the one GPU the process sees
 * @param seed seed of the weights' initialisation and of the engine's random numbers
 */
public record ModelContext(Geometry geometry, VoxelScale scale, Device device, long seed) {}
