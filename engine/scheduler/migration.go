package scheduler

// Live migration: a resource with allow-migrate that moves is taken to
// its new node by migrate_to on the old node and migrate_from on the new
// one instead of stop and start (the start becomes a pseudo-action, the
// stop on the old node stays). Orderings between starts and stops of
// resources that can migrate are mirrored onto the migration actions.

// canMigrate is pcmk__rsc_can_migrate.
func (c *cluster) canMigrate(r *resource, current *node) bool {
	switch {
	case !r.has(fMigratable), !r.has(fManaged), r.has(fFailed), r.has(fStartPending):
		return false
	case current == nil || current.unclean:
		return false
	case r.allocatedTo == nil || r.allocatedTo.unclean:
		return false
	}
	return true
}

// createMigrationActions is pcmk__create_migration_actions: the actions
// that migrate r from current to its assigned node (only migrate_from
// when a partial migration continues).
func (c *cluster) createMigrationActions(r *resource, current *node) {
	next := r.allocatedTo
	start := c.startAction(r, next, true)
	stop := c.stopAction(r, current, true)
	var to *action
	if r.partialTarget == nil {
		to = c.customAction(r, r.key("migrate_to"), "migrate_to", current, true, true)
	}
	from := c.customAction(r, r.key("migrate_from"), "migrate_from", next, true, true)
	start.set(aMigrateRunnable)
	stop.set(aMigrateRunnable)
	// easier than taking the start out of the graph
	start.set(aPseudo)
	if r.partialTarget == nil {
		from.set(aMigrateRunnable)
		to.set(aMigrateRunnable)
		to.needs = start.needs
		c.newOrdering(r, r.key("monitor"), nil, r, r.key("migrate_to"), nil, oOptional)
		c.newOrdering(r, r.key("migrate_to"), nil, r, r.key("migrate_from"), nil, oOptional|oImpliesFirstMigratable)
	} else {
		from.set(aMigrateRunnable)
		from.needs = start.needs
		c.newOrdering(r, r.key("monitor"), nil, r, r.key("migrate_from"), nil, oOptional)
	}
	c.newOrdering(r, r.key("migrate_from"), nil, r, r.key("stop"), nil, oOptional|oImpliesFirstMigratable)
	c.newOrdering(r, r.key("migrate_from"), nil, r, r.key("start"), nil, oOptional|oImpliesFirstMigratable|oPseudoLeft)
	if to != nil {
		to.migrateSource, to.migrateTarget = current, next
	}
	from.migrateSource, from.migrateTarget = current, next
}

// abortDanglingMigration stops r on the source of a dangling migration.
func (c *cluster) abortDanglingMigration(r *resource, source *node) {
	stop := c.stopAction(r, source, false)
	stop.set(aDangle)
	if c.removeAfterStop {
		c.deleteRsc(r, source, false)
	}
}

// orderMigrationEquivalents is Pacemaker's handle_migration_ordering:
// orderings of starts, stops, promotes and demotes between two unrelated
// resources, one of which may migrate, are repeated for the migration
// actions.
func (c *cluster) orderMigrationEquivalents(o *ordering) {
	first, then := o.firstRsc, o.thenRsc
	if first == nil || then == nil || first == then || isParent(first, then) || isParent(then, first) {
		return
	}
	firstMig, thenMig := first.has(fMigratable), then.has(fMigratable)
	if !firstMig && !thenMig {
		return
	}
	firstTask, thenTask := orderingTask(o.firstAction, o.firstKey), orderingTask(o.thenAction, o.thenKey)
	if firstTask == "" || thenTask == "" {
		return
	}
	key := func(r *resource, task string) string { return opKey(r.id, task, 0) }
	switch {
	case firstTask == "start" && thenTask == "start":
		flags := oOptional
		if firstMig && thenMig {
			c.newOrdering(first, key(first, "migrate_from"), nil, then, key(then, "migrate_to"), nil, flags)
		}
		if thenMig {
			if firstMig {
				flags |= oApplyFirstNonMigratable
			}
			c.newOrdering(first, key(first, "start"), nil, then, key(then, "migrate_to"), nil, flags)
		}
	case thenMig && firstTask == "stop" && thenTask == "stop":
		flags := oOptional
		if firstMig {
			flags |= oApplyFirstNonMigratable
		}
		c.newOrdering(first, key(first, "stop"), nil, then, key(then, "migrate_to"), nil, flags)
		if then.partialTarget != nil {
			c.newOrdering(first, key(first, "stop"), nil, then, key(then, "migrate_from"), nil, flags)
		}
	case firstTask == "promote" && thenTask == "start":
		if thenMig {
			c.newOrdering(first, key(first, "promote"), nil, then, key(then, "migrate_to"), nil, oOptional)
		}
	case firstTask == "demote" && thenTask == "stop":
		if thenMig {
			c.newOrdering(first, key(first, "demote"), nil, then, key(then, "migrate_to"), nil, oOptional)
			if then.partialTarget != nil {
				c.newOrdering(first, key(first, "demote"), nil, then, key(then, "migrate_from"), nil, oOptional)
			}
		}
	}
}

// orderingTask is the task of one side of an ordering: the action's, else
// the one in the key.
func orderingTask(a *action, key string) string {
	if a != nil {
		return a.task
	}
	if _, task, _, ok := parseOpKey(key); ok {
		return task
	}
	return ""
}
