// AnnuaireFiliere — /mon-espace: conveniences only; every form works without this file.
(() => {
    'use strict';
    const fold = text => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

    // ---- The activity picker filters as one types ----------------------------------------------------------------------
    document.querySelectorAll('[data-activity-picker]').forEach(picker => {
        const box = picker.querySelector('[data-activity-filter]');
        const input = box.querySelector('input');
        const status = box.querySelector('[data-activity-count]');
        const options = Array.from(picker.querySelectorAll('[data-activity-option]'));
        box.hidden = false;

        input.addEventListener('input', () => {
            const words = fold(input.value).split(/\s+/).filter(Boolean);
            let shown = 0;
            options.forEach(option => {
                const group = fold(option.closest('[data-activity-group]').querySelector('legend').textContent);
                const text = fold(option.textContent) + ' ' + group;
                // A ticked activity always stays visible, so a filter never hides a choice already made.
                const visible = option.querySelector('input').checked || words.every(w => text.includes(w));
                option.hidden = !visible;
                if (visible) shown++;
            });
            picker.querySelectorAll('[data-activity-group]').forEach(group => {
                group.hidden = !group.querySelector('[data-activity-option]:not([hidden])');
            });
            status.textContent = words.length ? status.dataset.template.replace('{0}', shown) : '';
        });
        // Enter in the filter must not submit the step.
        input.addEventListener('keydown', event => { if (event.key === 'Enter') event.preventDefault(); });
    });

    // ---- Service area: "Toute la province" ticks and unticks its communes, and is ticked when they all are -------------
    document.querySelectorAll('[data-area-province]').forEach(group => {
        const whole = group.querySelector('[data-area-whole]');
        const communes = Array.from(group.querySelectorAll('[data-area-commune]'));
        if (whole.checked) communes.forEach(c => { c.checked = true; });
        whole.addEventListener('change', () => communes.forEach(c => { c.checked = whole.checked; }));
        communes.forEach(c => c.addEventListener('change', () => { whole.checked = communes.every(x => x.checked); }));
    });
})();
