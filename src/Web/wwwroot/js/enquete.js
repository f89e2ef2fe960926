// A census question shown after an earlier answer (data-show-when, data-any-of) is hidden while that answer is not given.
// Without this script every question shows, and the site keeps only the answers of the questions that apply.
(() => {
    const form = document.querySelector('.survey-form');
    if (!form) return;
    const conditional = Array.from(form.querySelectorAll('[data-show-when]')).filter(q => q.dataset.showWhen);
    const chosen = question => Array.from(form.querySelectorAll(`[name="r.${question}"]:checked`)).map(i => i.value);
    const update = () => {
        for (const q of conditional) {
            const source = form.querySelector(`#question-${CSS.escape(q.dataset.showWhen)}`);
            const wanted = q.dataset.anyOf.split(' ');
            q.hidden = (source && source.hidden) || !chosen(q.dataset.showWhen).some(v => wanted.includes(v));
        }
    };
    form.addEventListener('change', update);
    update();
})();
